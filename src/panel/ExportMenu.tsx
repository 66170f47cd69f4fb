/**
 * Export (capture JSON, NDJSON, HAR, a connection's raw .sse) of everything or of what the
 * filters show, with data fields masked by JSON key if asked; and import (capture JSON or HAR).
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { isNavigationRow } from '../core/event-filter';
import { findingsByConnection } from '../core/insights/rules';
import type { EventView } from '../core/store/views';
import { type CaptureSource, lastRecordTime, sourceOf, toCaptureFile } from '../files/capture-file';
import { DEFAULT_SECRET_KEYS, redact } from '../files/redact';
import { type ExportKind, saveExport, toolName } from '../ui/save-export';
import type { PanelStore } from '../ui/store';
import type { Session } from './session';
import { useDismiss } from './use-dismiss';

/** Everything in the store, or what the filters show. */
function exportSource(store: PanelStore, filtered: boolean): CaptureSource {
  const { capture } = store;
  if (!filtered) return sourceOf(capture);
  const page = capture.pageUrl ?? '';
  const view = store.view();
  const events = view.rows.filter((row) => !isNavigationRow(row)).map((row) => capture.events[row] as EventView);
  const chosen = store.connections.value;
  const connections = capture.connections.filter((c) =>
    chosen.size > 0 ? chosen.has(c.key) : events.some((e) => e.connection === c),
  );
  const findings = findingsByConnection(capture.connections, lastRecordTime(capture.connections, capture.events));
  return { page, connections, events, navigations: capture.navigations, findings };
}

export function ExportMenu({ store, session }: { store: PanelStore; session: Session }) {
  void store.version.value;
  const [open, setOpen] = useState(false);
  const [filtered, setFiltered] = useState(false);
  const [masking, setMasking] = useState(false);
  const [keys, setKeys] = useState(DEFAULT_SECRET_KEYS.join(', '));

  const file = () => {
    const capture = toCaptureFile(exportSource(store, filtered), toolName());
    return masking ? redact(capture, keys.split(',')) : capture;
  };
  const save = (kind: ExportKind | number) => {
    saveExport(file(), kind);
    setOpen(false);
  };
  const connections = store.capture.connections;
  const anchor = useRef<HTMLSpanElement>(null);
  useDismiss(
    open,
    useCallback(() => setOpen(false), []),
    anchor,
  );

  return (
    <span class="anchor" ref={anchor}>
      <button
        type="button"
        data-action="export"
        aria-expanded={open}
        title="Export the capture"
        disabled={connections.length === 0}
        onClick={() => setOpen(!open)}
      >
        Export ▾
      </button>
      <label
        class="link-button"
        title="Import a capture file (.json), a HAR (.har), an NDJSON export (.ndjson) or a raw stream (.sse); you can also drop one on the panel"
      >
        Import
        <input
          type="file"
          accept=".json,.har,.ndjson,.jsonl,.sse,application/json,application/x-ndjson,text/event-stream"
          data-action="import"
          hidden
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const chosen = input.files?.[0];
            if (chosen) void session.loadFile(chosen);
            input.value = '';
          }}
        />
      </label>
      {open && (
        <div class="menu export-menu" role="dialog" aria-label="Export" data-export-menu>
          <fieldset>
            <legend>What</legend>
            <label>
              <input type="radio" name="scope" checked={!filtered} onChange={() => setFiltered(false)} />
              Everything ({store.capture.events.length + store.capture.held.length} events)
            </label>
            <label>
              <input
                type="radio"
                name="scope"
                data-scope="filtered"
                checked={filtered}
                onChange={() => setFiltered(true)}
              />
              What the filters show ({store.view().shown} events)
            </label>
          </fieldset>
          <fieldset>
            <legend>Redaction</legend>
            <p class="note">Secret request headers are always masked.</p>
            <label>
              <input
                type="checkbox"
                data-option="mask"
                checked={masking}
                onChange={(e) => setMasking((e.currentTarget as HTMLInputElement).checked)}
              />
              Mask data fields with these JSON keys:
            </label>
            <input
              type="text"
              data-option="keys"
              value={keys}
              disabled={!masking}
              onInput={(e) => setKeys((e.currentTarget as HTMLInputElement).value)}
            />
          </fieldset>
          <div class="export-buttons">
            <button type="button" data-export="json" onClick={() => save('json')}>
              Capture (.json)
            </button>
            <button type="button" data-export="ndjson" onClick={() => save('ndjson')}>
              Events (.ndjson)
            </button>
            <button type="button" data-export="har" onClick={() => save('har')}>
              HAR (.har)
            </button>
          </div>
          <fieldset>
            <legend>Raw stream (.sse) of a connection</legend>
            {connections.slice(0, 50).map((c) => (
              <button
                type="button"
                key={c.key}
                class="link"
                data-export-sse={c.ordinal}
                onClick={() => save(c.ordinal)}
              >
                #{c.ordinal} {c.url}
              </button>
            ))}
          </fieldset>
        </div>
      )}
    </span>
  );
}
