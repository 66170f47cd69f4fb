/**
 * Which capture the panel shows: the inspected tab's, live, or a file the user imported (shown
 * read-only, with the whole timeline, table and detail views, until they go back to live).
 */
import { signal } from '@preact/signals';
import { importCaptureFile, storeFromImport } from '../files/capture-file';
import { harToCaptureFile } from '../files/har-import';
import { createPanelStore, type PanelStore } from '../ui/store';

export interface Imported {
  name: string;
  /** Connections left out because they did not pass validation. */
  skipped: number;
}

export function createSession(live: PanelStore) {
  const active = signal<PanelStore>(live);
  const imported = signal<Imported | undefined>(undefined);
  const importError = signal<string | undefined>(undefined);

  /** Reads a capture file or a HAR; shows it, or says why it cannot. */
  function load(name: string, text: string): void {
    try {
      const parsed: unknown = JSON.parse(text);
      const isHar = typeof parsed === 'object' && parsed !== null && 'log' in parsed;
      const { capture, skipped } = importCaptureFile(isHar ? harToCaptureFile(parsed) : parsed);
      const store = createPanelStore();
      storeFromImport(capture, store.capture);
      store.reachable.value = true;
      store.connected.value = true;
      store.version.value++;
      active.value = store;
      imported.value = { name, skipped };
      importError.value = undefined;
    } catch (error) {
      importError.value = `${name}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async function loadFile(file: File): Promise<void> {
    load(file.name, await file.text());
  }

  function backToLive(): void {
    active.value = live;
    imported.value = undefined;
    importError.value = undefined;
  }

  return { live, active, imported, importError, load, loadFile, backToLive };
}

export type Session = ReturnType<typeof createSession>;
