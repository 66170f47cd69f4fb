/**
 * A replay rule's answer to an XMLHttpRequest: at `send()`, no request leaves; the instance (still
 * the native one) plays the recording as a streamed response would arrive — readyState 2, then 3
 * with a `progress` per chunk as `responseText` grows, then 4, `load` and `loadend` (or `error`) —
 * at the rule's pace. The prototype's accessors (`readyState`, `status`, `statusText`,
 * `responseText`, `response`, `responseURL`) and header methods answer for it and pass every other
 * XHR to the native; they are replaced only once the document has a rule. `abort()` stops it as
 * the spec says. Its events are untrusted (`isTrusted` false), which a page could notice.
 * @see https://xhr.spec.whatwg.org/
 */
import { LIMITS } from '../../core/limits';
import type { PageRecord } from '../../core/model';
import type { Player } from '../../core/replay-player';
import type { ReplayRule } from '../../core/replay-rule';
import {
  apply,
  construct,
  defineProperty,
  getOwnPropertyDescriptor,
  natives,
  now,
  slice,
  weakGet,
  weakSet,
} from '../natives';
import type { RecordSink } from '../relay-channel';
import { disguise } from '../stealth';
import { streamFormatOf } from '../stream-request';
import { chunkDecoder } from './chunk-bytes';
import type { ReplayBook } from './replay-book';

const UNSENT = 0;
const HEADERS_RECEIVED = 2;
const LOADING = 3;
const DONE = 4;

interface Played {
  readyState: number;
  status: number;
  contentType: string;
  text: string;
  url: string;
  player?: Player;
}

export interface XhrRequest {
  url: string;
  method: string;
  time: number;
  withCredentials: boolean;
  headers: [string, string][];
  body: { preview?: string; size?: number };
}

/** The spec's "roughly 50ms": a body's progress is told at most this often. */
const PROGRESS_MS = 50;

/**
 * Runs `tell` now if it last ran PROGRESS_MS ago or more, else once when that time comes: what an
 * XHR's `readystatechange` and `progress` do as its body arrives (xhr.spec.whatwg.org, "process
 * response body").
 */
function throttled(tell: () => void): { soon(): void; cancel(): void } {
  const monotonic = () => apply(natives.now, natives.performance, []) as number;
  let last = Number.NEGATIVE_INFINITY;
  let timer: unknown;
  const run = () => {
    timer = undefined;
    last = monotonic();
    tell();
  };
  return {
    soon() {
      if (timer !== undefined) return;
      const wait = last + PROGRESS_MS - monotonic();
      if (wait <= 0) run();
      else timer = apply(natives.setTimeout, globalThis, [run, wait]);
    },
    cancel() {
      if (timer !== undefined) apply(natives.clearTimeout, globalThis, [timer]);
      timer = undefined;
    },
  };
}

export function createXhrReplay(book: ReplayBook, sink: RecordSink) {
  const proto = XMLHttpRequest.prototype;
  const NativeEvent = Event;
  const NativeProgressEvent = ProgressEvent;
  const played = new WeakMap<object, Played>();
  const parse = JSON.parse;
  const report = (record: PageRecord, chars = 0) => sink.add(record, chars);
  const later = (run: () => void) => apply(natives.setTimeout, globalThis, [run, 0]);

  function fire(xhr: object, type: string, progress?: number): void {
    const event =
      progress === undefined
        ? construct(NativeEvent, [type])
        : construct(NativeProgressEvent, [type, { lengthComputable: false, loaded: progress, total: 0 }]);
    apply(natives.dispatchEvent, xhr, [event]);
  }

  function takeAccessors(): void {
    const getters: Record<string, (p: Played, self: unknown) => unknown> = {
      readyState: (p) => p.readyState,
      status: (p) => (p.readyState >= HEADERS_RECEIVED ? p.status : 0),
      statusText: () => '',
      responseText: (p) => p.text,
      response: (p, self) => {
        const type = apply(responseTypeGetter, self, []) as string;
        if (type === 'json') return p.readyState === DONE ? tryParse(p.text) : null;
        return p.text;
      },
      responseURL: (p) => (p.readyState >= HEADERS_RECEIVED ? p.url : ''),
    };
    for (const name of ['readyState', 'status', 'statusText', 'responseText', 'response', 'responseURL']) {
      const descriptor = getOwnPropertyDescriptor(proto, name);
      if (!descriptor?.get) continue;
      const traps: ProxyHandler<() => unknown> = {
        apply(target, self, args) {
          const p = weakGet(played, self);
          return p ? getters[name]?.(p, self) : apply(target, self, args);
        },
      };
      defineProperty(proto, name, { ...descriptor, get: disguise(descriptor.get, traps) });
    }
    const headerOf = (p: Played, name: unknown) =>
      p.readyState >= HEADERS_RECEIVED && typeof name === 'string' && isContentType(name) ? p.contentType : null;
    const methods: Record<string, (p: Played, args: unknown[]) => unknown> = {
      getResponseHeader: (p, args) => headerOf(p, args[0]),
      getAllResponseHeaders: (p) => (p.readyState >= HEADERS_RECEIVED ? `content-type: ${p.contentType}\r\n` : ''),
    };
    for (const name of ['getResponseHeader', 'getAllResponseHeaders']) {
      const native = getOwnPropertyDescriptor(proto, name)?.value as ((...args: unknown[]) => unknown) | undefined;
      if (!native) continue;
      const traps: ProxyHandler<typeof native> = {
        apply(target, self, args) {
          const p = weakGet(played, self);
          return p ? methods[name]?.(p, args) : apply(target, self, args);
        },
      };
      const descriptor = getOwnPropertyDescriptor(proto, name) as PropertyDescriptor;
      defineProperty(proto, name, { ...descriptor, value: disguise(native, traps) });
    }
  }

  const responseTypeGetter = getOwnPropertyDescriptor(proto, 'responseType')?.get as () => unknown;
  function tryParse(text: string): unknown {
    try {
      return apply(parse, null, [text]);
    } catch {
      return null;
    }
  }
  /** Whether a header name is Content-Type, in any ASCII case (no string method: the page may have replaced them). */
  function isContentType(name: string): boolean {
    const want = 'content-type';
    const upper = 'CONTENT-TYPE';
    if (name.length !== want.length) return false;
    for (let i = 0; i < want.length; i++) if (name[i] !== want[i] && name[i] !== upper[i]) return false;
    return true;
  }

  book.whenFirst(takeAccessors);

  return {
    /** `send()` of a request a rule answers: played, not sent. */
    send(xhr: XMLHttpRequest, rule: ReplayRule, request: XhrRequest): void {
      const response = book.nextResponse(rule);
      const p: Played = {
        readyState: 1,
        status: response.status,
        contentType: response.contentType,
        text: '',
        url: request.url,
      };
      weakSet(played, xhr, p);
      const conn = sink.nextConnection();
      const connection: PageRecord = {
        kind: 'connection',
        time: request.time,
        conn,
        type: 'xhr',
        url: request.url.length > LIMITS.urlChars ? '' : request.url,
        withCredentials: request.withCredentials,
        method: request.method,
        requestHeaders: request.headers,
      };
      if (request.body.preview !== undefined) connection.requestBody = request.body.preview;
      if (request.body.size !== undefined) connection.requestBodySize = request.body.size;
      report(connection, request.body.preview?.length ?? 0);
      report({ kind: 'replay', time: request.time, conn, rule: rule.id, name: rule.name, pace: rule.pace });
      book.target(conn, { player: () => p.player });
      const decoder = chunkDecoder();
      const progress = throttled(() => {
        if (p.readyState !== LOADING) return;
        fire(xhr, 'readystatechange');
        fire(xhr, 'progress', p.text.length);
      });
      const ended = (how: 'complete' | 'error') => {
        if (p.readyState === DONE || p.readyState === UNSENT) return;
        progress.cancel();
        // The spec's end of body: a last progress (for a complete body), then done.
        if (how === 'complete') fire(xhr, 'progress', p.text.length);
        p.readyState = DONE;
        p.player?.stop();
        report({ kind: 'lifecycle', time: now(), conn, state: how === 'error' ? 'failed' : 'closed', reason: how });
        fire(xhr, 'readystatechange');
        fire(xhr, how === 'error' ? 'error' : 'load', p.text.length);
        fire(xhr, 'loadend', p.text.length);
      };
      later(() => {
        if (p.readyState !== 1) return;
        p.readyState = HEADERS_RECEIVED;
        const time = now();
        report({
          kind: 'response',
          time,
          conn,
          url: p.url,
          status: p.status,
          statusText: '',
          headers: [['content-type', p.contentType]],
          format: streamFormatOf(p.contentType, () => undefined, false) ?? 'sse',
        });
        report({ kind: 'lifecycle', time, conn, state: 'open' });
        fire(xhr, 'readystatechange');
        p.player = book.play(rule, response, {
          write: (chunk) => {
            if (p.readyState !== HEADERS_RECEIVED && p.readyState !== LOADING) return;
            const text = decoder.text(chunk);
            for (let from = 0; from < text.length; from += LIMITS.chunkBytes) {
              const to = from + LIMITS.chunkBytes < text.length ? from + LIMITS.chunkBytes : text.length;
              report({ kind: 'chunk-in', time: now(), conn, data: slice(text, from, to) }, to - from);
            }
            p.text += text;
            if (p.readyState === HEADERS_RECEIVED) p.readyState = LOADING;
            progress.soon();
          },
          end: (how) => ended(how === 'error' ? 'error' : 'complete'),
        });
      });
    },
    /** The page aborts: true if it was a replayed XHR (then it is aborted here, as the spec says). */
    abort(xhr: unknown): boolean {
      const p = weakGet(played, xhr);
      if (!p) return false;
      p.player?.stop();
      if (p.readyState !== DONE && p.readyState !== UNSENT && p.readyState !== 1) {
        p.readyState = DONE;
        fire(xhr as object, 'readystatechange');
        fire(xhr as object, 'abort', 0);
        fire(xhr as object, 'loadend', 0);
      }
      p.readyState = UNSENT;
      return true;
    },
  };
}
