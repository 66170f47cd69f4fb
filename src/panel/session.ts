/**
 * Which capture the panel shows: the inspected tab's, live, or a file the user imported (shown
 * read-only, with the whole timeline, table and detail views, until they go back to live).
 */
import { signal } from '@preact/signals';
import { importCaptureFile, storeFromImport } from '../files/capture-import';
import { harToCaptureFile } from '../files/har-import';
import { ImportError } from '../files/import-error';
import {
  eventStreamToCaptureFile,
  looksLikeEventStream,
  looksLikeNdjson,
  ndjsonToCaptureFile,
  type TextImport,
} from '../files/text-import';
import { createPanelStore, type PanelStore } from '../ui/store';
import type { MessageKey } from '../ui/text/catalogue';
import { importErrorText, TEXT_IMPORT_NOTES } from '../ui/text/imports';

export interface Imported {
  name: string;
  /** Connections left out because they did not pass validation. */
  skipped: number;
  /** What the file's format could not carry (NDJSON, a raw stream). */
  note?: MessageKey;
}

const fromText = ({ file, format }: TextImport) => ({ file, note: TEXT_IMPORT_NOTES[format] });

/** Which export a file is, by its name and then its content; its capture file, and what its format could not carry. */
function readExport(name: string, text: string, bytes?: Uint8Array): { file: unknown; note?: MessageKey } {
  const lower = name.toLowerCase();
  if (lower.endsWith('.sse') || (!lower.endsWith('.json') && !lower.endsWith('.har') && looksLikeEventStream(text)))
    return fromText(eventStreamToCaptureFile(name, bytes ?? new TextEncoder().encode(text)));
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return fromText(ndjsonToCaptureFile(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (looksLikeNdjson(text)) return fromText(ndjsonToCaptureFile(text));
    throw new ImportError('unknown-file');
  }
  const isHar = typeof parsed === 'object' && parsed !== null && 'log' in parsed;
  return { file: isHar ? harToCaptureFile(parsed) : parsed };
}

export function createSession(live: PanelStore) {
  const active = signal<PanelStore>(live);
  const imported = signal<Imported | undefined>(undefined);
  const importError = signal<{ name: string; error: string } | undefined>(undefined);

  /** Reads a capture file, a HAR, an NDJSON export or a raw stream (.sse); shows it, or says why it cannot. */
  function load(name: string, text: string, bytes?: Uint8Array): void {
    try {
      const { file, note } = readExport(name, text, bytes);
      const { capture, skipped } = importCaptureFile(file);
      const store = createPanelStore();
      storeFromImport(capture, store.capture);
      store.reachable.value = true;
      store.connected.value = true;
      store.version.value++;
      active.value = store;
      imported.value = note === undefined ? { name, skipped } : { name, skipped, note };
      importError.value = undefined;
    } catch (error) {
      importError.value = { name, error: importErrorText(error) };
    }
  }

  async function loadFile(file: File): Promise<void> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    load(file.name, new TextDecoder().decode(bytes), bytes);
  }

  function backToLive(): void {
    active.value = live;
    imported.value = undefined;
    importError.value = undefined;
  }

  return { live, active, imported, importError, load, loadFile, backToLive };
}

export type Session = ReturnType<typeof createSession>;
