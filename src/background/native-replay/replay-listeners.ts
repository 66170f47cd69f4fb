/**
 * The webRequest listeners Firefox's native replay steers requests with: blocking before the
 * request (redirect or cancel) and when its headers are in (the content type and the stream
 * filter), and told when it fails. Added only while some tab has a rule on, removed together.
 */
import { browser, type WebRequest } from '../../platform/browser';
import type { Header } from '../request-listeners';

/** The fields of Firefox's webRequest details that native replay uses. */
export interface ReplayRequest {
  requestId: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  /** The URL of the document that made the request. */
  documentUrl?: string;
  url: string;
  statusCode?: number;
  responseHeaders?: Header[];
}

/** What a blocking listener answers. */
export type Steer = { redirectUrl: string } | { cancel: true } | { responseHeaders: Header[] } | undefined;

export interface ReplayHandlers {
  beforeRequest(d: ReplayRequest): Steer;
  headersReceived(d: ReplayRequest): Steer;
  /** The request failed: the page closed its EventSource, or left, or the filter ended it. */
  failed(d: ReplayRequest): void;
}

/** Adds the listeners; returns how to remove them. */
export type ListenForReplay = (handlers: ReplayHandlers) => () => void;

interface SteeringEvent {
  addListener(
    listener: (d: ReplayRequest) => Steer | undefined,
    filter: WebRequest.RequestFilter,
    extra?: string[],
  ): void;
  removeListener(listener: (d: ReplayRequest) => Steer | undefined): void;
}

/** EventSource and fetch requests are both `xmlhttprequest` to Firefox (measured in Firefox 153). */
const FILTER: WebRequest.RequestFilter = { urls: ['<all_urls>'], types: ['xmlhttprequest'] };

export const listenForReplay: ListenForReplay = (handlers) => {
  const on = browser.webRequest as unknown as Record<string, SteeringEvent>;
  const failed = (d: ReplayRequest) => {
    handlers.failed(d);
    return undefined;
  };
  const listeners: [SteeringEvent, (d: ReplayRequest) => Steer, string[]?][] = [
    [on.onBeforeRequest as SteeringEvent, handlers.beforeRequest, ['blocking']],
    [on.onHeadersReceived as SteeringEvent, handlers.headersReceived, ['blocking', 'responseHeaders']],
    // Not onCompleted: the upstream page completes long before the replay in its place does.
    [on.onErrorOccurred as SteeringEvent, failed],
  ];
  for (const [event, listener, extra] of listeners) {
    if (extra) event.addListener(listener, FILTER, extra);
    else event.addListener(listener, FILTER);
  }
  return () => {
    for (const [event, listener] of listeners) event.removeListener(listener);
  };
};
