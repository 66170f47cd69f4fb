/**
 * Secrets found by their names, wherever a request carries them: headers (`Authorization`,
 * `X-Api-Key`, `Ocp-Apim-Subscription-Key`), query and fragment parameters (`?key=` as Gemini's
 * REST API takes its key, `access_token`, `sig`), form fields, `name=value` lines of a plain-text
 * body, and JSON keys at any depth (`refresh_token`, `openai_api_key`). A secret's value becomes
 * {@link MASK}, which does not tell its length; an Authorization header keeps its scheme
 * (`Bearer ••••`), which is no secret and says what kind of credential it was.
 *
 * Names match by their words, not by a list: a name is cut into words at separators and case
 * changes (`X-Auth-Key` → x auth key, `apiKey` → api key), and it is a secret's when a word is one
 * of a credential's (secret, password, auth, cookie, sig…), or when it ends in `token`, `key`
 * or `session` (also run together, as in `refreshtoken`). `max_tokens`, `token_type`, `author` and
 * `keyboard` are not secrets; `sortKey` is masked, which a click reveals.
 */

export const MASK = '••••';

/**
 * Words that make a name a credential's wherever they stand in it (and at the end of a word run
 * together), but `token`, which is one only at the end (`access_token`, not `token_type`).
 */
const SECRET_ENDINGS = [
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'apikey',
  'accesskey',
  'privatekey',
  'secretkey',
  'authkey',
  'sessionid',
  'sessid',
];
const SECRET_WORDS = new Set([
  ...SECRET_ENDINGS.filter((word) => word !== 'token'),
  'pwd',
  'auth',
  'authorization',
  'cookie',
  'sig',
  'jwt',
  'csrf',
  'xsrf',
  'otp',
]);
/** Words that make a name a secret's when they end it: `api_key`, `X-Auth-Key`, Gemini's `key`, `user_session`. */
const LAST_WORDS = new Set(['key', 'session']);
/**
 * Words that make a name a secret's in a URL or a header only: a signed URL's `X-Amz-Signature`
 * or `X-Goog-Credential` grants access; a stream's `signature` (Anthropic's, of its model's
 * thinking) is no credential, and masking it would cost an export that stream's bytes.
 */
const ADDRESS_WORDS = new Set(['signature', 'credential', 'credentials']);
/**
 * Tokens that are no credential: a place in a list or a stream (`pageToken`, `nextToken`, MCP's
 * `progressToken`, `continuationToken`, `syncToken`), or a request's cancellation.
 */
const PLAIN_TOKENS = ['progresstoken', 'pagetoken', 'nexttoken', 'continuationtoken', 'synctoken', 'cancellationtoken'];

/** Headers whose value starts with an authentication scheme, kept unmasked. */
const SCHEME_HEADERS = new Set(['authorization', 'proxy-authorization']);

const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

const wordsOf = (name: string): string[] | null => (name.length > 256 ? null : name.match(WORD));

/** Whether a field or key of this name holds a credential (a body's, event data's). */
export function isSecretName(name: string): boolean {
  const words = wordsOf(name);
  if (!words) return false;
  const last = (words[words.length - 1] as string).toLowerCase();
  if (LAST_WORDS.has(last)) return true;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (SECRET_WORDS.has(lower)) return true;
  }
  const joined = words.join('').toLowerCase();
  if (PLAIN_TOKENS.some((plain) => joined.endsWith(plain))) return false;
  return SECRET_ENDINGS.some((ending) => joined.endsWith(ending));
}

/** Whether a header or a URL's parameter of this name holds a credential: a field's words, and a signature's. */
function isAddressSecret(name: string): boolean {
  return isSecretName(name) || (wordsOf(name) ?? []).some((word) => ADDRESS_WORDS.has(word.toLowerCase()));
}

/** A header's value masked (an Authorization header keeps its scheme). */
function maskHeaderValue(name: string, value: string): string {
  if (SCHEME_HEADERS.has(name.toLowerCase())) {
    const scheme = /^\s*([A-Za-z][\w.+-]*)\s+\S/.exec(value);
    if (scheme) return `${scheme[1]} ${MASK}`;
  }
  return MASK;
}

/** Headers with credentials masked; the same array when there is none. */
export function maskHeaders(headers: readonly [string, string][]): [string, string][] {
  let out: [string, string][] | undefined;
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i] as [string, string];
    if (!isAddressSecret(name) || value === MASK) continue;
    out ??= headers.slice();
    out[i] = [name, maskHeaderValue(name, value)];
  }
  return out ?? (headers as [string, string][]);
}

/** The name of a form or query parameter, decoded (`+` is a space); undefined when it does not decode. */
function paramName(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/** `a=1&api_key=x` with the secrets' values masked; the same text when there is none. */
function maskParams(text: string, isSecret: (name: string) => boolean = isSecretName): string {
  if (!text.includes('=')) return text;
  let changed = false;
  const parts = text.split('&').map((part) => {
    const equals = part.indexOf('=');
    if (equals <= 0) return part;
    const name = paramName(part.slice(0, equals));
    if (name === undefined || !isSecret(name) || part.slice(equals + 1) === MASK) return part;
    changed = true;
    return `${part.slice(0, equals + 1)}${MASK}`;
  });
  return changed ? parts.join('&') : text;
}

/** A URL with the password of its user info and the secrets among its query and fragment parameters masked. */
export function maskUrl(url: string): string {
  let out = url;
  // user:password@ in an absolute URL's authority.
  const authority = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i.exec(out);
  if (authority?.[2]?.includes(':')) {
    const user = authority[2].slice(0, authority[2].indexOf(':'));
    out = `${authority[1]}${user}:${MASK}@${out.slice(authority[0].length)}`;
  }
  const hash = out.indexOf('#');
  const beforeHash = hash < 0 ? out : out.slice(0, hash);
  const fragment = hash < 0 ? undefined : out.slice(hash + 1);
  const query = beforeHash.indexOf('?');
  const path = query < 0 ? beforeHash : beforeHash.slice(0, query + 1);
  const search = query < 0 ? '' : maskParams(beforeHash.slice(query + 1), isAddressSecret);
  const masked = `${path}${search}${fragment === undefined ? '' : `#${maskParams(fragment, isAddressSecret)}`}`;
  return masked === url ? url : masked;
}

const LINE_PAIR = /^(\s*["']?)([A-Za-z_][\w.-]*)(["']?\s*[:=]\s*)(.+?)(\s*)$/;

/** `name: value` and `name=value` lines of a plain text with the secrets' values masked. */
function maskLines(text: string, isSecret: (name: string) => boolean): string {
  if (!/[:=]/.test(text)) return text;
  let changed = false;
  const lines = text.split('\n').map((line) => {
    const pair = LINE_PAIR.exec(line);
    if (!pair || !isSecret(pair[2] as string) || pair[4] === MASK) return line;
    changed = true;
    return `${pair[1]}${pair[2]}${pair[3]}${MASK}${pair[5]}`;
  });
  return changed ? lines.join('\n') : text;
}

/**
 * A body's text with its secrets masked: JSON by key at any depth, a form by field, else
 * `name=value` lines; by their names, or by `isSecret` when given.
 */
export function maskBody(text: string, isSecret: (name: string) => boolean = isSecretName): string {
  const start = /\S/.exec(text)?.[0];
  if (start === '{' || start === '[') {
    const masked = maskJsonText(text, isSecret);
    if (masked !== undefined) return masked;
  }
  if (/^[^\s=&]+=[^\s&]*(&[^\s=&]*=?[^\s&]*)*$/.test(text)) return maskParams(text, isSecret);
  return maskLines(text, isSecret);
}

/**
 * JSON text with the values of secret keys masked at any depth, its spacing kept (the text is read
 * once, left to right, with no recursion, so any depth costs nothing more); undefined when it is
 * not JSON as far as this reads it.
 */
export function maskJsonText(text: string, isSecret: (key: string) => boolean = isSecretName): string | undefined {
  /** For each open container, whether it is an object; and whether the next string there is a key. */
  const stack: boolean[] = [];
  let expectKey = false;
  let out = '';
  let copied = 0;
  let i = 0;
  const n = text.length;
  const stringEnd = (from: number): number => {
    for (let j = from + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 92) j++;
      else if (c === 34) return j + 1;
    }
    return -1;
  };
  /** The end of the value starting at `from` (a string, a number or literal, or a whole container). */
  const valueEnd = (from: number): number => {
    const c = text[from];
    if (c === '"') return stringEnd(from);
    if (c === '{' || c === '[') {
      let depth = 0;
      for (let j = from; j < n; j++) {
        const d = text[j];
        if (d === '"') {
          j = stringEnd(j) - 1;
          if (j < 0) return -1;
        } else if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) return j + 1;
        }
      }
      return -1;
    }
    let j = from;
    while (j < n && !/[\s,}\]]/.test(text[j] as string)) j++;
    return j > from ? j : -1;
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === '{' || c === '[') {
      stack.push(c === '{');
      expectKey = c === '{';
      i++;
    } else if (c === '}' || c === ']') {
      if (stack.pop() !== (c === '}')) return undefined;
      expectKey = false;
      i++;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] === true;
      i++;
    } else if (c === '"') {
      const end = stringEnd(i);
      if (end < 0) return undefined;
      if (!expectKey) {
        i = end;
        continue;
      }
      expectKey = false;
      let key: string;
      try {
        key = JSON.parse(text.slice(i, end)) as string;
      } catch {
        return undefined;
      }
      let j = end;
      while (j < n && /\s/.test(text[j] as string)) j++;
      if (text[j] !== ':') return undefined;
      j++;
      while (j < n && /\s/.test(text[j] as string)) j++;
      if (!isSecret(key)) {
        i = j;
        continue;
      }
      const valueStop = valueEnd(j);
      if (valueStop < 0) return undefined;
      if (text.slice(j, valueStop) !== `"${MASK}"`) {
        out += `${text.slice(copied, j)}"${MASK}"`;
        copied = valueStop;
      }
      i = valueStop;
    } else i++;
  }
  if (stack.length > 0) return undefined;
  return copied === 0 ? text : out + text.slice(copied);
}

/** Whether a value shown came masked: it is the mask, or holds it (a URL, a body, `Bearer ••••`). */
export const isMasked = (value: string): boolean => value.includes(MASK);
