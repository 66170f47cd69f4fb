/**
 * Sees SSE and NDJSON read progressively with XMLHttpRequest (`responseText` growing on each
 * `progress`). `open`, `setRequestHeader` and `send` are wrapped to learn the request; at `send`
 * our listeners go on the instance; when the headers arrive, a stream response becomes a
 * connection, and each growth of `responseText` a chunk. XHR exposes text, not bytes, so these
 * chunks are the decoded text. Only `responseType` '' and 'text' can be read as they grow.
 */

import { LIMITS } from '../core/limits';
import type { EndReason } from '../core/model';
import { accessor, apply, natives, now, read, slice, weakGet, weakSet } from './natives';
import type { RecordSink } from './relay-channel';
import type { ReplayBook } from './replay/replay-book';
import { createXhrReplay } from './replay/xhr-replay';
import { callNative, disguise, replaceValue } from './stealth';
import { DATA_STREAM_HEADER, describeBody, HeaderList, lower, streamFormatOf } from './stream-request';

const HEADERS_RECEIVED = 2;

interface XhrState {
  method: string;
  url: string;
  headers: HeaderList;
  time: number;
  body: { preview?: string; size?: number };
  conn: number;
  read: number;
  ended: boolean;
  listening: boolean;
}

export function hookXhr(sink: RecordSink, book: ReplayBook): void {
  if (typeof XMLHttpRequest !== 'function') return;
  const proto = XMLHttpRequest.prototype;
  const nativeOpen = proto.open;
  const nativeSetRequestHeader = proto.setRequestHeader;
  const nativeSend = proto.send;
  const nativeAbort = proto.abort;
  const getResponseHeader = proto.getResponseHeader;
  const getAllResponseHeaders = proto.getAllResponseHeaders;
  const readyState = accessor(proto, 'readyState');
  const responseType = accessor(proto, 'responseType');
  const responseText = accessor(proto, 'responseText');
  const responseURL = accessor(proto, 'responseURL');
  const status = accessor(proto, 'status');
  const statusText = accessor(proto, 'statusText');
  const withCredentials = accessor(proto, 'withCredentials');
  const NativeURL = URL;
  const urlHref = accessor(URL.prototype, 'href');
  const baseURI = accessor(Node.prototype, 'baseURI');
  const eventType = natives.event.type;
  const split = String.prototype.split;
  const indexOf = String.prototype.indexOf;
  const trim = String.prototype.trim;
  const toUpperCase = String.prototype.toUpperCase;
  const EVENTS = ['readystatechange', 'progress', 'load', 'abort', 'timeout', 'error'];

  const states = new WeakMap<object, XhrState>();
  const replay = createXhrReplay(book, sink);

  function responseHeaders(xhr: XMLHttpRequest): HeaderList {
    const list = new HeaderList();
    const lines = apply(split, apply(getAllResponseHeaders, xhr, []) as string, ['\r\n']) as string[];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = apply(indexOf, line, [':']) as number;
      if (colon > 0) list.add(slice(line, 0, colon), apply(trim, slice(line, colon + 1, line.length), []));
    }
    return list;
  }

  function onHeaders(xhr: XMLHttpRequest, state: XhrState): void {
    // The data stream header is read from the list of all headers: asking for a header CORS does not
    // expose would make Chrome log "Refused to get unsafe header" in the page's console.
    const headers = responseHeaders(xhr);
    const format = streamFormatOf(
      apply(getResponseHeader, xhr, ['content-type']) as string | null,
      () => {
        for (let i = 0; i < headers.pairs.length; i++) {
          const pair = headers.pairs[i] as [string, string];
          if (lower(pair[0]) === DATA_STREAM_HEADER) return pair[1];
        }
        return undefined;
      },
      state.headers.wantsEventStream,
    );
    if (!format) return;
    const conn = sink.nextConnection();
    state.conn = conn;
    const connection = {
      kind: 'connection' as const,
      time: state.time,
      conn,
      type: 'xhr' as const,
      url: state.url,
      withCredentials: read<boolean>(withCredentials, xhr),
      method: state.method,
      requestHeaders: state.headers.pairs,
      requestBody: state.body.preview,
      requestBodySize: state.body.size,
    };
    if (connection.requestBody === undefined) delete connection.requestBody;
    if (connection.requestBodySize === undefined) delete connection.requestBodySize;
    sink.add(connection, 0);
    const time = now();
    sink.add(
      {
        kind: 'response',
        time,
        conn,
        url: read<string>(responseURL, xhr),
        status: read<number>(status, xhr),
        statusText: read<string>(statusText, xhr),
        headers: headers.pairs,
        format,
      },
      0,
    );
    sink.add({ kind: 'lifecycle', time, conn, state: 'open' }, 0);
  }

  /** What `responseText` gained since we last looked. */
  function onProgress(xhr: XMLHttpRequest, state: XhrState): void {
    const type = read<string>(responseType, xhr);
    if (type !== '' && type !== 'text') return;
    const text = read<string>(responseText, xhr);
    if (text.length <= state.read) return;
    const time = now();
    for (let from = state.read; from < text.length; from += LIMITS.chunkBytes) {
      const to = from + LIMITS.chunkBytes < text.length ? from + LIMITS.chunkBytes : text.length;
      sink.add({ kind: 'chunk-in', time, conn: state.conn, data: slice(text, from, to) }, to - from);
    }
    state.read = text.length;
  }

  function end(state: XhrState, reason: EndReason, error?: string): void {
    if (state.ended) return;
    state.ended = true;
    const record = {
      kind: 'lifecycle' as const,
      time: now(),
      conn: state.conn,
      state: reason === 'error' ? ('failed' as const) : ('closed' as const),
      reason,
    };
    sink.add(error === undefined ? record : { ...record, error }, 0);
  }

  function onEvent(this: XMLHttpRequest, event: Event): void {
    try {
      const state = weakGet(states, this);
      if (!state) return;
      const type = read<string>(eventType, event);
      if (state.conn === 0) {
        if (type === 'readystatechange' && read<number>(readyState, this) >= HEADERS_RECEIVED) onHeaders(this, state);
        if (state.conn === 0) return;
      }
      if (type === 'progress' || type === 'readystatechange' || type === 'load') onProgress(this, state);
      if (type === 'load') end(state, 'complete');
      else if (type === 'abort') end(state, 'aborted', 'abort()');
      else if (type === 'timeout') end(state, 'aborted', 'timeout');
      else if (type === 'error') end(state, 'error', 'network error');
    } catch {
      // Whatever goes wrong here must never reach the page.
    }
  }

  const openTraps: ProxyHandler<typeof nativeOpen> = {
    apply(target, self, args) {
      const result = callNative(() => apply(target, self, args), openTraps.apply, args, [0, 1, 2, 3, 4]);
      try {
        const method: unknown = args[0];
        const url: unknown = args[1];
        if (typeof method === 'string' && typeof url === 'string') {
          const base = natives.document ? read<string>(baseURI, natives.document) : undefined;
          const previous = weakGet(states, self);
          weakSet(states, self as object, {
            method: apply(toUpperCase, method, []) as string,
            url: read<string>(urlHref, new NativeURL(url, base)),
            headers: new HeaderList(),
            time: 0,
            body: {},
            conn: 0,
            read: 0,
            ended: false,
            listening: previous?.listening ?? false,
          });
        }
      } catch {
        // As above.
      }
      return result;
    },
  };

  const setHeaderTraps: ProxyHandler<typeof nativeSetRequestHeader> = {
    apply(target, self, args) {
      const result = callNative(() => apply(target, self, args), setHeaderTraps.apply, args, [0, 1]);
      try {
        weakGet(states, self)?.headers.add(args[0], args[1]);
      } catch {
        // As above.
      }
      return result;
    },
  };

  const sendTraps: ProxyHandler<typeof nativeSend> = {
    apply(target, self, args) {
      try {
        const state = weakGet(states, self);
        const rule = state && !book.empty ? book.ruleFor(state.url) : undefined;
        if (state && rule) {
          replay.send(self as XMLHttpRequest, rule, {
            url: state.url,
            method: state.method,
            time: now(),
            withCredentials: read<boolean>(withCredentials, self),
            headers: state.headers.pairs,
            body: describeBody(args[0]),
          });
          return undefined;
        }
        if (state) {
          state.time = now();
          state.body = describeBody(args[0]);
          if (!state.listening) {
            state.listening = true;
            for (let i = 0; i < EVENTS.length; i++) apply(natives.addEventListener, self, [EVENTS[i], onEvent]);
          }
        }
      } catch {
        // As above.
      }
      return callNative(() => apply(target, self, args), sendTraps.apply, args, [0]);
    },
  };

  replaceValue(proto, 'open', disguise(nativeOpen, openTraps));
  replaceValue(proto, 'setRequestHeader', disguise(nativeSetRequestHeader, setHeaderTraps));
  const abortTraps: ProxyHandler<typeof nativeAbort> = {
    apply(target, self, args) {
      if (replay.abort(self)) return undefined;
      return callNative(() => apply(target, self, args), abortTraps.apply, args, []);
    },
  };

  replaceValue(proto, 'send', disguise(nativeSend, sendTraps));
  replaceValue(proto, 'abort', disguise(nativeAbort, abortTraps));
}
