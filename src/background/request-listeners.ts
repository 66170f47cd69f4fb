/**
 * The webRequest listeners the HTTP observer asks for, on the requests EventSource and fetch make
 * (type `xmlhttprequest`) to every URL, and what they see: added together and removed together.
 * Only the headers listener can be blocking, and only when asked (Firefox's stream filters);
 * `headersListener` tells, from the browser, whether it is registered now, and whether it blocks.
 */
import { browser, requestHeaderOptions, type WebRequest } from '../platform/browser';

export interface Header {
  name: string;
  value?: string;
}

/** The fields of Chrome's and Firefox's webRequest details that this uses. */
export interface RequestDetails {
  requestId: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  /** The script of a worker that made the request (Firefox), or the document's URL. */
  originUrl?: string;
  /** The origin of the document that made the request (Chrome). */
  initiator?: string;
  method?: string;
  url: string;
  timeStamp: number;
  statusCode?: number;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
  error?: string;
}

export interface RequestHandlers {
  sendHeaders(details: RequestDetails): void;
  headersReceived(details: RequestDetails): void;
  finished(details: RequestDetails): void;
  errorOccurred(details: RequestDetails): void;
}

/** Adds the four webRequest listeners (the headers one blocking, if asked); returns how to remove them. */
export type SubscribeToRequests = (handlers: RequestHandlers, options: { blocking: boolean }) => () => void;

/** The shape the four webRequest events share, as far as this file uses them. */
interface RequestEvent {
  addListener(listener: (details: RequestDetails) => void, filter: WebRequest.RequestFilter, extra?: string[]): void;
  removeListener(listener: (details: RequestDetails) => void): void;
  hasListener(listener: (details: RequestDetails) => void): boolean;
}

const events = () => browser.webRequest as unknown as Record<string, RequestEvent>;

/** The headers listener registered now, and whether it blocks. */
let headers: { listener: (details: RequestDetails) => void; blocking: boolean } | undefined;

export const subscribeToRequests: SubscribeToRequests = (handlers, { blocking }) => {
  const filter: WebRequest.RequestFilter = { urls: ['<all_urls>'], types: ['xmlhttprequest'] };
  const on = events();
  const listeners: [RequestEvent, (details: RequestDetails) => void, string[]?][] = [
    [on.onSendHeaders as RequestEvent, handlers.sendHeaders, requestHeaderOptions(['requestHeaders', 'extraHeaders'])],
    // Blocking only for Firefox's network capture, which must start its stream filter before the body flows.
    [
      on.onHeadersReceived as RequestEvent,
      handlers.headersReceived,
      blocking ? ['responseHeaders', 'blocking'] : ['responseHeaders'],
    ],
    [on.onCompleted as RequestEvent, handlers.finished],
    [on.onErrorOccurred as RequestEvent, handlers.errorOccurred],
  ];
  // Firefox refuses an explicit `undefined` for the options.
  for (const [event, listener, extra] of listeners) {
    if (extra) event.addListener(listener, filter, extra);
    else event.addListener(listener, filter);
  }
  const current = { listener: handlers.headersReceived, blocking };
  headers = current;
  return () => {
    for (const [event, listener] of listeners) event.removeListener(listener);
    if (headers === current) headers = undefined;
  };
};

/** For diagnostics: whether the browser has our headers listener now, and whether it was added blocking. */
export function headersListener(): { registered: boolean; blocking: boolean } {
  const registered =
    headers !== undefined && (events().onHeadersReceived as RequestEvent).hasListener(headers.listener);
  return { registered, blocking: registered && (headers?.blocking ?? false) };
}
