/**
 * A setting kept in `storage.local`, where every context reads it: the panel writes it, relays and
 * the worker follow it (or in `storage.session`, for what lasts only as long as the browser's tabs:
 * extension pages and the worker read it, pages' scripts cannot). Read once, then watched; `onValue`
 * gets `undefined` while it is unset or if it cannot be read (the caller's default then holds).
 */
import { browser } from './browser';

export type StorageArea = 'local' | 'session';

export function watchStoredSetting(
  key: string,
  onValue: (value: unknown) => void,
  area: StorageArea = 'local',
): () => void {
  let watching = true;
  browser.storage[area]
    .get(key)
    .then((saved) => watching && onValue(saved[key]))
    .catch(() => watching && onValue(undefined));
  const listener = (changes: Record<string, { newValue?: unknown }>, changed: string) => {
    const change = changes[key];
    if (changed === area && change) onValue(change.newValue);
  };
  browser.storage.onChanged.addListener(listener);
  return () => {
    watching = false;
    browser.storage.onChanged.removeListener(listener);
  };
}

export function saveStoredSetting(key: string, value: unknown, area: StorageArea = 'local'): void {
  void browser.storage[area].set({ [key]: value });
}

/** A list of tab ids kept under `key`: `tabId` added (or taken out), if it was not (or was) there. */
export async function updateStoredTabs(key: string, area: StorageArea, tabId: number, present: boolean): Promise<void> {
  const stored = (await browser.storage[area].get(key))[key];
  const tabs = Array.isArray(stored) ? stored.filter((id): id is number => Number.isSafeInteger(id)) : [];
  if (tabs.includes(tabId) === present) return;
  await browser.storage[area].set({ [key]: present ? [...tabs, tabId] : tabs.filter((id) => id !== tabId) });
}
