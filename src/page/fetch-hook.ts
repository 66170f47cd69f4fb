/**
 * Sees SSE (and NDJSON) read over `fetch` without changing what the page gets.
 *
 * `fetch` becomes a Proxy that describes the request (own data properties only: no page getter
 * runs) and looks at the response's content type when it arrives. Other responses are not touched.
 * For a stream, the `body` getter hands the page a byte stream of our own with a high-water mark
 * of 0: it reads the native body only when the page reads, so each chunk reaches the page as the
 * network gave it, back-pressure holds, and cancel and abort pass straight through; a copy of each
 * chunk goes to the relay. `text()`, `json()` and the like read a native clone for us and answer
 * natively; `clone()` shares the connection (the first body read is the one captured).
 */

import { LIMITS } from '../core/limits';
import type { PageRecord } from '../core/model';
import type { ReplayRule } from '../core/replay-rule';
import { type BodyReader, createBodyReaders, type StreamState } from './body-reader';
import { readBranded } from './brands';
import { accessor, apply, construct, getOwnPropertyDescriptor, natives, now, read, weakGet, weakSet } from './natives';
import { callSite, restackRejection, withPageStack } from './page-stack';
import type { RecordSink } from './relay-channel';
import { createFetchReplay } from './replay/fetch-replay';
import type { ReplayBook } from './replay/replay-book';
import { callNative, disguise, replaceGetter, replaceValue } from './stealth';
import { DATA_STREAM_HEADER, describeBody, HeaderList, ownValue, streamFormatOf } from './stream-request';

interface RequestInfo {
  time: number;
  url: string;
  method: string;
  credentials: boolean;
  headers: HeaderList;
  body: { preview?: string; size?: number };
}

export function hookFetch(sink: RecordSink, book: ReplayBook): void {
  const nativeFetch = globalThis.fetch;
  if (typeof nativeFetch !== 'function' || typeof Response !== 'function') return;
  const then = Promise.prototype.then;
  const responseProto = Response.prototype;
  const response = {
    body: accessor(responseProto, 'body'),
    bodyUsed: accessor(responseProto, 'bodyUsed'),
    headers: accessor(responseProto, 'headers'),
    status: accessor(responseProto, 'status'),
    statusText: accessor(responseProto, 'statusText'),
    url: accessor(responseProto, 'url'),
    clone: responseProto.clone,
  };
  const request = {
    method: accessor(Request.prototype, 'method'),
    url: accessor(Request.prototype, 'url'),
    headers: accessor(Request.prototype, 'headers'),
    credentials: accessor(Request.prototype, 'credentials'),
  };
  const NativeURL = URL;
  const urlHref = accessor(URL.prototype, 'href');
  const baseURI = accessor(Node.prototype, 'baseURI');
  const headersGet = Headers.prototype.get;
  const getReader = ReadableStream.prototype.getReader;
  const streamLocked = accessor(ReadableStream.prototype, 'locked');

  const bodies = createBodyReaders(sink, response.clone, response.body);
  if (!bodies) return;
  const { acquire, makeReader, outcome, readClone } = bodies;
  const states = new WeakMap<object, StreamState>();
  const readers = new WeakMap<object, BodyReader>();

  function resolveUrl(input: string): string {
    const base = natives.document ? read<string>(baseURI, natives.document) : undefined;
    return read<string>(urlHref, construct(NativeURL, [input, base]));
  }

  /** The request as fetch will see it, learnt without running page code; undefined if unsure. */
  function describe(args: unknown[]): RequestInfo | undefined {
    const input = args[0];
    const init = args[1];
    const headers = new HeaderList();
    let url: string | undefined;
    let method = 'GET';
    let credentials = false;
    if (typeof input === 'string') {
      url = resolveUrl(input);
    } else {
      // A Request (its url getter accepts it), else a URL (its href getter does): anything else is
      // the page's own object, whose conversion to a string would run its code.
      url = readBranded<string>(request.url, input);
      if (url !== undefined) {
        const req = input as Request;
        method = read<string>(request.method, req);
        credentials = read<string>(request.credentials, req) === 'include';
        headers.addHeaders(read<Headers>(request.headers, req));
      } else {
        url = readBranded<string>(urlHref, input);
      }
    }
    if (url === undefined) return undefined;
    let body: RequestInfo['body'] = {};
    let requestHeaders = headers;
    if (typeof init === 'object' && init !== null) {
      const initMethod = ownValue(init, 'method');
      if (typeof initMethod === 'string') method = initMethod;
      if (ownValue(init, 'credentials') === 'include') credentials = true;
      const initHeaders = ownValue(init, 'headers');
      // Headers in init replace the Request's.
      if (initHeaders !== undefined) {
        requestHeaders = new HeaderList();
        requestHeaders.addInit(initHeaders);
      }
      body = describeBody(ownValue(init, 'body'));
    }
    return { time: now(), url, method: upper(method), credentials, headers: requestHeaders, body };
  }

  const toUpperCase = String.prototype.toUpperCase;
  const upper = (text: string) => apply(toUpperCase, text, []) as string;

  function report(item: PageRecord, chars = 0): void {
    sink.add(item, chars);
  }

  const replay = createFetchReplay(book);

  /**
   * A response arrived: if it is a stream, it becomes a connection (its number is the answer). A
   * replay rule's answer always does, and says which rule it was.
   */
  function observe(res: Response, info: RequestInfo, rule?: ReplayRule): number | undefined {
    const headers = read<Headers>(response.headers, res);
    const format =
      streamFormatOf(
        apply(headersGet, headers, ['content-type']) as string | null,
        () => apply(headersGet, headers, [DATA_STREAM_HEADER]) as string | null,
        info.headers.wantsEventStream,
      ) ?? (rule ? 'sse' : undefined);
    if (!format) return undefined;
    const conn = sink.nextConnection();
    const connection: PageRecord = {
      kind: 'connection',
      time: info.time,
      conn,
      type: 'fetch',
      url: info.url.length > LIMITS.urlChars ? '' : info.url,
      withCredentials: info.credentials,
      method: info.method,
      requestHeaders: info.headers.pairs,
    };
    if (info.body.preview !== undefined) connection.requestBody = info.body.preview;
    if (info.body.size !== undefined) connection.requestBodySize = info.body.size;
    report(connection, info.body.preview?.length ?? 0);
    const responseHeaders = new HeaderList();
    responseHeaders.addHeaders(headers);
    const time = now();
    if (rule) report({ kind: 'replay', time: info.time, conn, rule: rule.id, name: rule.name, pace: rule.pace });
    report({
      kind: 'response',
      time,
      conn,
      // A replayed answer has no URL of its own: the one asked for.
      url: rule ? info.url : read<string>(response.url, res),
      status: read<number>(response.status, res),
      statusText: read<string>(response.statusText, res),
      headers: responseHeaders.pairs,
      format,
    });
    report({ kind: 'lifecycle', time, conn, state: 'open' });
    weakSet(states, res, { conn, ended: false, owner: undefined });
    return conn;
  }

  /** A fetch that asked for an event stream failed before any response. */
  function failed(info: RequestInfo, error: unknown): void {
    if (!info.headers.wantsEventStream) return;
    const conn = sink.nextConnection();
    report({
      kind: 'connection',
      time: info.time,
      conn,
      type: 'fetch',
      url: info.url,
      withCredentials: info.credentials,
      method: info.method,
      requestHeaders: info.headers.pairs,
    });
    report({ kind: 'lifecycle', time: now(), conn, state: 'failed', ...outcome(error) });
  }

  const fetchTraps: ProxyHandler<typeof fetch> = {
    apply(target, self, args) {
      let info: RequestInfo | undefined;
      try {
        info = describe(args);
      } catch {
        info = undefined;
      }
      const site = callSite(fetchTraps.apply);
      const rule = info && !book.empty ? book.ruleFor(info.url) : undefined;
      // A promise: the native never throws, it rejects.
      const promise = (rule ? replay.fetch(rule, args) : apply(target, self, args)) as Promise<Response>;
      const known = info;
      return apply(then, promise, [
        (res: Response) => {
          try {
            const conn = known ? observe(res, known, rule) : undefined;
            if (rule && conn) book.target(conn, { player: () => replay.playerOf(res) });
          } catch {
            // Whatever goes wrong here must never reach the page.
          }
          return res;
        },
        (error: unknown) => {
          try {
            restackRejection(error, site);
            if (known) failed(known, error);
          } catch {
            // As above.
          }
          throw error;
        },
      ]);
    },
  };

  const bodyTraps: ProxyHandler<() => unknown> = {
    apply(target, self, args) {
      const body = callNative(() => apply(target, self, args), bodyTraps.apply, args, []) as ReadableStream | null;
      const state = weakGet(states, self);
      if (!state || body === null) return body;
      const existing = weakGet(readers, self);
      // (After clone() the native body is a new stream: then ours must be new too.)
      if (existing && existing.native === body) return existing.wrapper;
      if (read<boolean>(response.bodyUsed, self) || read<boolean>(streamLocked, body)) return body;
      try {
        const wrapped = makeReader(state, self as object, body as ReadableStream<Uint8Array>);
        weakSet(readers, self as object, wrapped);
        return wrapped.wrapper;
      } catch {
        return body;
      }
    },
  };

  /**
   * Before a native method that reads or tees the body: if the page locked our stand-in, lock the
   * native too, so the native method fails as it would have; if nothing read it yet, read a clone.
   */
  function beforeBodyMethod(self: unknown, readsAll: boolean): void {
    const state = weakGet(states, self);
    if (!state || state.ended) return;
    const wrapped = weakGet(readers, self);
    if (wrapped && read<boolean>(streamLocked, wrapped.wrapper)) {
      if (!read<boolean>(streamLocked, wrapped.native)) acquire(wrapped);
      return;
    }
    if (readsAll && !read<boolean>(response.bodyUsed, self as object)) {
      readClone(state, self as Response);
      // The native method locks the body stream the page may hold: lock ours the same way.
      if (wrapped) apply(getReader, wrapped.wrapper, []);
    }
  }

  for (const name of ['text', 'json', 'arrayBuffer', 'blob', 'bytes', 'formData'] as const) {
    const method = getOwnPropertyDescriptor(responseProto, name)?.value as
      | ((...args: unknown[]) => unknown)
      | undefined;
    if (typeof method !== 'function') continue;
    const traps: ProxyHandler<typeof method> = {
      apply(target, self, args) {
        try {
          beforeBodyMethod(self, true);
        } catch {
          // The page's call goes ahead regardless.
        }
        const site = callSite(traps.apply);
        return withPageStack(apply(target, self, args) as Promise<unknown>, site);
      },
    };
    replaceValue(responseProto, name, disguise(method, traps));
  }

  const cloneTraps: ProxyHandler<typeof response.clone> = {
    apply(target, self, args) {
      try {
        beforeBodyMethod(self, false);
      } catch {
        // As above.
      }
      const copy = callNative(() => apply(target, self, args), cloneTraps.apply, args, []) as Response;
      const state = weakGet(states, self);
      if (state) weakSet(states, copy, state);
      return copy;
    },
  };

  replaceValue(responseProto, 'clone', disguise(response.clone, cloneTraps));
  replaceGetter(responseProto, 'body', disguise(response.body, bodyTraps) as () => unknown);
  replaceValue(globalThis, 'fetch', disguise(nativeFetch, fetchTraps));
}
