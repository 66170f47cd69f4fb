/**
 * A setting kept in `storage.local`, where every context reads it: the panel writes it, relays and
 * the worker follow it. Read once, then watched; `onValue` gets `undefined` while it is unset or if
 * it cannot be read (the caller's default then holds).
 */
import { browser } from './browser';

export function watchStoredSetting(key: string, onValue: (value: unknown) => void): () => void {
  let watching = true;
  browser.storage.local
    .get(key)
    .then((saved) => watching && onValue(saved[key]))
    .catch(() => watching && onValue(undefined));
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[key];
    if (area === 'local' && change) onValue(change.newValue);
  };
  browser.storage.onChanged.addListener(listener);
  return () => {
    watching = false;
    browser.storage.onChanged.removeListener(listener);
  };
}

export function saveStoredSetting(key: string, value: unknown): void {
  void browser.storage.local.set({ [key]: value });
}
