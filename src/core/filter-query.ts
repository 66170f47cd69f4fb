/**
 * The filter box's words, as in the Network panel: parsed into terms once, then each event tested
 * against them (./event-filter caches the answer per event).
 */
import type { EventView } from './store/views';

/** One term of a filter: what it looks at, whether it excludes, and what matches. */
export interface QueryTerm {
  /** The event's data, its type, its id (the last event id), or its connection's URL. */
  field: 'data' | 'type' | 'id' | 'url';
  /** `-term`: the events that do not match. */
  negate: boolean;
  regex: RegExp;
}

export type TextQuery =
  | { kind: 'none' }
  | { kind: 'terms'; text: string; terms: QueryTerm[] }
  | { kind: 'invalid'; text: string; message: string };

/** `/source/flags`, with flags a regular expression may have (so a path such as `/api/chat` is text). */
const REGEX_LITERAL = /^\/(.*)\/([dgimsuvy]*)$/s;
/** A term: an optional `-`, an optional known `field:`, then a "quoted value", a /regex/flags or a word. */
const TERM =
  /(-?)(?:(type|id|url|data):)?("(?:[^"\\]|\\.)*"|\/(?:[^/\\\s]|\\.)(?:[^/\\]|\\.)*\/[dgimsuvy]*(?=\s|$)|\S+)/gi;
const FIELDS = new Set<QueryTerm['field']>(['data', 'type', 'id', 'url']);

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The filter box, as in the Network panel: words separated by spaces, all of which must match.
 * A plain word matches the data anywhere, case-insensitively; `/…/flags` is a regular expression
 * (`g` and `y` are dropped: they would make `test` stateful); `type:`, `id:` and `url:` look at the
 * event's type, its id (each exactly) and its connection's URL (anywhere); `-` before a term
 * excludes what it matches; "quotes" keep spaces in a value. A bad expression is reported, not
 * thrown. The whole input as one /regex/ (spaces and all) is one term, as before terms existed.
 */
export function parseQuery(input: string): TextQuery {
  const text = input.trim();
  if (text === '') return { kind: 'none' };
  try {
    const whole = text.length > 2 ? REGEX_LITERAL.exec(text) : null;
    if (whole && !/\/\s/.test(text)) return { kind: 'terms', text, terms: [termOf('data', false, text)] };
    const terms: QueryTerm[] = [];
    for (const match of text.matchAll(TERM)) {
      const [, minus = '', field = '', value = ''] = match;
      const known = FIELDS.has(field.toLowerCase() as QueryTerm['field']);
      // A lone `-` is an exclusion being typed: nothing yet.
      if (value === '' || (field === '' && minus === '' && value === '-')) continue;
      terms.push(termOf(known ? (field.toLowerCase() as QueryTerm['field']) : 'data', minus === '-', value));
    }
    return terms.length === 0 ? { kind: 'none' } : { kind: 'terms', text, terms };
  } catch (error) {
    return { kind: 'invalid', text, message: error instanceof Error ? error.message : String(error) };
  }
}

function termOf(field: QueryTerm['field'], negate: boolean, value: string): QueryTerm {
  const literal = value.length > 2 ? REGEX_LITERAL.exec(value) : null;
  if (literal) {
    const [, source = '', flags = ''] = literal;
    return { field, negate, regex: new RegExp(source, flags.replace(/[gy]/g, '')) };
  }
  const plain = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? JSON.parse(value) : value;
  const exact = field === 'type' || field === 'id';
  const source = exact ? `^${escapeRegex(String(plain))}$` : escapeRegex(String(plain));
  return { field, negate, regex: new RegExp(source, field === 'id' ? '' : 'i') };
}

/** Whether an event passes every term of a query. */
export function matchesQuery(query: TextQuery, event: EventView): boolean {
  if (query.kind !== 'terms') return true;
  for (const term of query.terms) {
    const value =
      term.field === 'type'
        ? event.type
        : term.field === 'id'
          ? event.lastEventId
          : term.field === 'url'
            ? event.connection.url
            : event.data;
    if (term.regex.test(value) === term.negate) return false;
  }
  return true;
}
