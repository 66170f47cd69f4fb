/**
 * Which tab the panel shows: the inspected window's inside DevTools, or `?tabId=N` when the panel
 * is opened as an ordinary tab (by tests, or by a user who wants it in its own window).
 */
import { devtools } from '../platform/browser';

export function inspectedTabId(search: string = location.search): number | undefined {
  const fromQuery = new URLSearchParams(search).get('tabId');
  if (fromQuery !== null) {
    const id = Number(fromQuery);
    return Number.isSafeInteger(id) && id >= 0 ? id : undefined;
  }
  return devtools()?.inspectedWindow.tabId;
}
