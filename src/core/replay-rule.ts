/**
 * A replay rule: a recorded stream that SSE Scope serves, in one tab, to the page's requests whose
 * URL matches a pattern, instead of the server — at the recorded cadence, faster, all at once, or a
 * step at a time. The panel makes and edits rules; the worker keeps them per tab (session storage)
 * and hands the tab's documents those that are on; the page hook plays them (../page/replay/).
 *
 * A rule is data from the user (or from a file the user chose), never from a page: it is checked
 * whole before it is kept, and a rule that does not check is refused with the reason.
 */

/** How a rule plays: the recorded cadence, twice or ten times as fast, all at once, or by hand. */
export const REPLAY_PACES = ['x1', 'x2', 'x10', 'instant', 'step'] as const;
export type ReplayPace = (typeof REPLAY_PACES)[number];

/** How fast each pace plays the recording; `step` waits for the user before each write. */
export const PACE_SPEED: Record<Exclude<ReplayPace, 'step'>, number> = { x1: 1, x2: 2, x10: 10, instant: 0 };

/** One write of a response body: when (milliseconds after the response opened), and what. */
export interface ReplayChunk {
  at: number;
  /** The text written, or (bytes that are not whole UTF-8 on their own) `base64`. */
  text?: string;
  base64?: string;
}

/** One response: an EventSource's first connection or a reconnect; a fetch or XHR's one answer. */
export interface ReplayResponse {
  status: number;
  contentType: string;
  chunks: ReplayChunk[];
  /** The response ended: the server closed it, or the network failed it. Absent: it stays open. */
  end?: { at: number; how: 'close' | 'error' };
}

export interface ReplayRule {
  /** Random, chosen by the panel that made it. */
  id: string;
  /** What the user calls it (the recorded URL at first). */
  name: string;
  on: boolean;
  /**
   * Which requests it answers: a whole URL, where `*` stands for any run of characters. A pattern
   * with no `*` and no `?` also matches its URL with any query.
   */
  match: string;
  pace: ReplayPace;
  /**
   * Milliseconds an EventSource waits between responses when the recording says none (`retry:`),
   * as recorded between its reconnects.
   */
  retry?: number;
  responses: ReplayResponse[];
}

/** What a tab's rules may hold at most: a rule's text travels to every document of the tab. */
export const REPLAY_LIMITS = {
  rules: 20,
  /** Characters of chunk text (or base64) over all of a tab's rules. */
  chars: 4 * 1024 * 1024,
  chunks: 100_000,
  responses: 100,
  patternChars: 2048,
  nameChars: 200,
  typeChars: 200,
  idChars: 64,
  /** A response's end, or a chunk, at most this long after it opened (a day). */
  atMs: 86_400_000,
} as const;

/** Why a set of rules was refused. */
export type RuleProblem =
  | { problem: 'not-rules' }
  | { problem: 'too-many'; limit: number }
  | { problem: 'too-large'; limit: number }
  | { problem: 'bad-field'; rule: number; field: string };

/**
 * Whether `url` is one the pattern names. Written with indexing alone, no string method: the page
 * hook runs it where a page could have replaced any of them.
 */
export function matchesUrl(pattern: string, url: string): boolean {
  let wild = false;
  for (let i = 0; i < pattern.length; i++) if (pattern[i] === '*' || pattern[i] === '?') wild = true;
  if (!wild) {
    if (url.length < pattern.length) return false;
    for (let i = 0; i < pattern.length; i++) if (url[i] !== pattern[i]) return false;
    return url.length === pattern.length || url[pattern.length] === '?' || url[pattern.length] === '#';
  }
  // Glob with `*` only (a `?` is literal): the classic two-pointer walk, backtracking to the last star.
  let p = 0;
  let u = 0;
  let star = -1;
  let mark = 0;
  while (u < url.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = u;
    } else if (p < pattern.length && pattern[p] === url[u]) {
      p++;
      u++;
    } else if (star >= 0) {
      p = star + 1;
      u = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The first rule that is on and answers `url`, if any. */
export function ruleFor<R extends Pick<ReplayRule, 'on' | 'match'>>(rules: readonly R[], url: string): R | undefined {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as R;
    if (rule.on && matchesUrl(rule.match, url)) return rule;
  }
  return undefined;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const isTime = (x: unknown): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= REPLAY_LIMITS.atMs;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A chunk as checked, its size in characters; or the field that is wrong. */
function checkChunk(x: unknown): ReplayChunk | string {
  if (!isObject(x) || !isTime(x.at)) return 'chunks.at';
  const chunk: ReplayChunk = { at: x.at };
  if (typeof x.text === 'string') chunk.text = x.text;
  else if (typeof x.base64 === 'string' && x.base64.length % 4 === 0 && BASE64.test(x.base64)) chunk.base64 = x.base64;
  else return 'chunks.text';
  return chunk;
}

function checkResponse(x: unknown): ReplayResponse | string {
  if (!isObject(x)) return 'responses';
  const { status, contentType, chunks, end } = x;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return 'status';
  if (!isText(contentType, REPLAY_LIMITS.typeChars)) return 'contentType';
  if (!Array.isArray(chunks)) return 'chunks';
  const response: ReplayResponse = { status, contentType, chunks: [] };
  for (const item of chunks) {
    const chunk = checkChunk(item);
    if (typeof chunk === 'string') return chunk;
    response.chunks.push(chunk);
  }
  if (end !== undefined) {
    if (!isObject(end) || !isTime(end.at) || (end.how !== 'close' && end.how !== 'error')) return 'end';
    response.end = { at: end.at, how: end.how };
  }
  return response;
}

function checkRule(x: unknown): ReplayRule | string {
  if (!isObject(x)) return 'rule';
  const { id, name, on, match, pace, retry, responses } = x;
  if (!isText(id, REPLAY_LIMITS.idChars) || id === '') return 'id';
  if (!isText(name, REPLAY_LIMITS.nameChars)) return 'name';
  if (typeof on !== 'boolean') return 'on';
  if (!isText(match, REPLAY_LIMITS.patternChars) || match.trim() === '') return 'match';
  if (typeof pace !== 'string' || !(REPLAY_PACES as readonly string[]).includes(pace)) return 'pace';
  if (retry !== undefined && !isTime(retry)) return 'retry';
  if (!Array.isArray(responses) || responses.length === 0 || responses.length > REPLAY_LIMITS.responses)
    return 'responses';
  const rule: ReplayRule = { id, name, on, match, pace: pace as ReplayPace, responses: [] };
  if (retry !== undefined) rule.retry = retry as number;
  for (const item of responses) {
    const response = checkResponse(item);
    if (typeof response === 'string') return response;
    rule.responses.push(response);
  }
  return rule;
}

/** What a rule's chunks weigh: their characters, and how many there are. */
function ruleSize(rule: ReplayRule): { chars: number; chunks: number } {
  let chars = 0;
  let chunks = 0;
  for (const response of rule.responses)
    for (const chunk of response.chunks) {
      chars += (chunk.text ?? chunk.base64 ?? '').length;
      chunks++;
    }
  return { chars, chunks };
}

/** A tab's rules, checked whole: every field, ids unique, within the limits; or why not. */
export function checkRules(x: unknown): ReplayRule[] | RuleProblem {
  if (!Array.isArray(x)) return { problem: 'not-rules' };
  if (x.length > REPLAY_LIMITS.rules) return { problem: 'too-many', limit: REPLAY_LIMITS.rules };
  const rules: ReplayRule[] = [];
  const ids = new Set<string>();
  let chars = 0;
  let chunks = 0;
  for (const [index, item] of x.entries()) {
    const rule = checkRule(item);
    if (typeof rule === 'string') return { problem: 'bad-field', rule: index, field: rule };
    if (ids.has(rule.id)) return { problem: 'bad-field', rule: index, field: 'id' };
    ids.add(rule.id);
    const size = ruleSize(rule);
    chars += size.chars;
    chunks += size.chunks;
    if (chars > REPLAY_LIMITS.chars) return { problem: 'too-large', limit: REPLAY_LIMITS.chars };
    if (chunks > REPLAY_LIMITS.chunks) return { problem: 'too-large', limit: REPLAY_LIMITS.chunks };
    rules.push(rule);
  }
  return rules;
}

export const isRuleProblem = (x: ReplayRule[] | RuleProblem): x is RuleProblem => !Array.isArray(x);
