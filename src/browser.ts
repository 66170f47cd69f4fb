/**
 * The one door to the WebExtension API. Chrome's `chrome.*` and Firefox's `browser.*` differ in
 * promises and small details; every extension context imports `browser` from here, never the
 * globals, so those differences stay in this module. (The page hook uses no extension API at all.)
 */
import browser from 'webextension-polyfill';

export type { Runtime, Tabs, WebRequest } from 'webextension-polyfill';
export { browser };

/** The DevTools API, present only in DevTools pages (the devtools page and our panel inside DevTools). */
export function devtools(): typeof browser.devtools | undefined {
  return (browser as { devtools?: typeof browser.devtools }).devtools;
}
