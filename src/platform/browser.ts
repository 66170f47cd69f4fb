/**
 * The one door to the WebExtension API. Chrome's `chrome.*` and Firefox's `browser.*` differ in
 * promises and small details; every extension context imports `browser` from here, never the
 * globals, so those differences stay in this module. (The page hook uses no extension API at all.)
 */
import browser, { type WebRequest } from 'webextension-polyfill';

export type { Runtime, Tabs, WebRequest } from 'webextension-polyfill';
export { browser };

/**
 * Chrome shows some request headers (Last-Event-ID among them) to webRequest listeners only with
 * the `extraHeaders` option; Firefox shows them all and refuses the option it does not know.
 */
export function requestHeaderOptions(wanted: string[]): string[] {
  const chromeOptions = (globalThis as { chrome?: { webRequest?: { OnSendHeadersOptions?: object } } }).chrome
    ?.webRequest?.OnSendHeadersOptions;
  return chromeOptions && 'EXTRA_HEADERS' in chromeOptions ? wanted : wanted.filter((o) => o !== 'extraHeaders');
}

/** What Firefox's `webRequest.filterResponseData` returns. */
export type StreamFilter = WebRequest.StreamFilter;

/**
 * Firefox's stream filter, which sees a response's bytes on their way to the page; Chrome
 * has none (undefined there).
 */
export function streamFilters(): ((requestId: string) => StreamFilter) | undefined {
  const api = (browser as { webRequest?: Partial<typeof browser.webRequest> }).webRequest;
  const create = api?.filterResponseData;
  return typeof create === 'function' ? (requestId) => create.call(api, requestId) : undefined;
}

/** The DevTools API, present only in DevTools pages (the devtools page and our panel inside DevTools). */
export function devtools(): typeof browser.devtools | undefined {
  return (browser as { devtools?: typeof browser.devtools }).devtools;
}

export type DevtoolsTheme = 'light' | 'dark';

/** DevTools' colour theme, when the panel runs inside DevTools: Chrome says `default`/`dark`, Firefox `light`/`dark`. */
export function devtoolsTheme(): DevtoolsTheme | undefined {
  const name = devtools()?.panels.themeName;
  if (name === undefined) return undefined;
  return name === 'dark' ? 'dark' : 'light';
}

/** Calls back when the user switches DevTools' theme (Chrome: `setThemeChangeHandler`; Firefox: `onThemeChanged`). */
export function onDevtoolsThemeChange(callback: () => void): void {
  const panels = devtools()?.panels as { onThemeChanged?: { addListener(listener: () => void): void } } | undefined;
  const chromePanels = (
    globalThis as { chrome?: { devtools?: { panels?: { setThemeChangeHandler?(f: () => void): void } } } }
  ).chrome?.devtools?.panels;
  if (chromePanels?.setThemeChangeHandler) chromePanels.setThemeChangeHandler(callback);
  else panels?.onThemeChanged?.addListener(callback);
}

/**
 * A debugger session's target: a tab, a session inside a tab's (a worker it auto-attached, Chrome
 * 125+), or a target attached by its id (a shared worker).
 */
export interface Debuggee {
  tabId?: number;
  sessionId?: string;
  targetId?: string;
}

/** A target `chrome.debugger.getTargets()` lists. */
export interface DebuggerTarget {
  id: string;
  type: string;
  url: string;
  tabId?: number;
}

/** Chrome's `chrome.debugger`, as far as network capture uses it. */
export interface DebuggerApi {
  attach(target: Debuggee, version: string): Promise<void>;
  detach(target: Debuggee): Promise<void>;
  sendCommand(target: Debuggee, method: string, params?: object): Promise<unknown>;
  getTargets(): Promise<DebuggerTarget[]>;
  onEvent: { addListener(listener: (source: Debuggee, method: string, params?: object) => void): void };
  onDetach: { addListener(listener: (source: Debuggee, reason: string) => void): void };
}

/**
 * Chrome's debugger API, which network capture attaches to a watched tab for what the network
 * delivered (every byte, every event type); Firefox has none (it reads the network through stream
 * filters instead).
 */
export function debuggerApi(): DebuggerApi | undefined {
  const api = (globalThis as { chrome?: { debugger?: DebuggerApi } }).chrome?.debugger;
  return api && typeof api.attach === 'function' ? api : undefined;
}
