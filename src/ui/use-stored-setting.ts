/** A `storage.local` setting as component state: read, kept up to date, and saved when changed. */
import { useEffect, useState } from 'preact/hooks';
import { type StorageArea, saveStoredSetting, watchStoredSetting } from '../platform/stored-setting';

/** `undefined` until read; `read` turns what storage holds (or `undefined`) into the value. */
export function useStoredSetting<T>(
  key: string,
  read: (stored: unknown) => T,
  area: StorageArea = 'local',
): [T | undefined, (value: T) => void] {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => watchStoredSetting(key, (stored) => setValue(read(stored)), area), [key, area]);
  return [
    value,
    (next) => {
      setValue(next);
      saveStoredSetting(key, next, area);
    },
  ];
}
