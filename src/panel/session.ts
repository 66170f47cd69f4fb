/**
 * Which capture the panel shows: the inspected tab's, live, or a file the user imported (shown
 * read-only, with the whole timeline, table and detail views, until they go back to live).
 */
import { signal } from '@preact/signals';
import { importCaptureFile, importParts } from '../files/capture-import';
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

/** An import is read in parts of this many records, the panel showing each as it comes, with a progress bar. */
const IMPORT_PART = 50_000;

/** A frame's time between parts: the panel paints what is in, and stays responsive. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function createSession(live: PanelStore) {
  const active = signal<PanelStore>(live);
  const imported = signal<Imported | undefined>(undefined);
  const importError = signal<{ name: string; error: string } | undefined>(undefined);

  /**
   * Reads a capture file, a HAR, an NDJSON export or a raw stream (.sse); shows it, or says why it
   * cannot. A large one is shown as its parts are read, with a progress bar; resolves when all is in
   * (or the user went back to live meanwhile).
   */
  async function load(name: string, text: string, bytes?: Uint8Array): Promise<void> {
    let store: PanelStore;
    let parts: Iterator<{ done: number; total: number }>;
    try {
      const { file, note } = readExport(name, text, bytes);
      const { capture, skipped } = importCaptureFile(file);
      store = createPanelStore();
      parts = importParts(capture, store.capture, IMPORT_PART);
      store.reachable.value = true;
      store.connected.value = true;
      imported.value = note === undefined ? { name, skipped } : { name, skipped, note };
      importError.value = undefined;
    } catch (error) {
      importError.value = { name, error: importErrorText(error) };
      return;
    }
    active.value = store;
    try {
      for (let part = parts.next(); !part.done; part = parts.next()) {
        store.loading.value = part.value;
        store.version.value++;
        await nextFrame();
        // Gone back to live, or another file taken: this one is no longer read.
        if (active.value !== store) return;
      }
    } catch (error) {
      backToLive();
      importError.value = { name, error: importErrorText(error) };
      return;
    }
    store.loading.value = undefined;
    store.version.value++;
  }

  async function loadFile(file: File): Promise<void> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await load(file.name, new TextDecoder().decode(bytes), bytes);
  }

  function backToLive(): void {
    active.value = live;
    imported.value = undefined;
    importError.value = undefined;
  }

  return { live, active, imported, importError, load, loadFile, backToLive };
}

export type Session = ReturnType<typeof createSession>;
