/**
 * Export (capture JSON, NDJSON, HAR, a connection's raw .sse) of everything or of what the
 * filters show, its secrets masked (and any JSON fields the user names), or included if the user
 * asks for this one export; and import (capture JSON or HAR).
 */

import { useCallback, useRef, useState } from 'preact/hooks';
import { isNavigationRow } from '../core/event-filter';
import { findingsByConnection } from '../core/insights/rules';
import type { EventView } from '../core/store/views';
import { type CaptureSource, lastRecordTime, sourceOf, toCaptureFile } from '../files/capture-file';
import { type ExportKind, saveExport, toolName } from '../ui/save-export';
import type { PanelStore } from '../ui/store';
import { t, tn } from '../ui/text/catalogue';
import { findingSummary } from '../ui/text/findings';
import type { Session } from './session';
import { useDismiss } from './use-dismiss';

/** Everything in the store, or what the filters show. */
function exportSource(store: PanelStore, filtered: boolean): CaptureSource {
  const { capture } = store;
  if (!filtered) return sourceOf(capture, findingSummary);
  const page = capture.pageUrl ?? '';
  const view = store.view();
  const events = view.rows.filter((row) => !isNavigationRow(row)).map((row) => capture.events[row] as EventView);
  const chosen = store.connections.value;
  const connections = capture.connections.filter((c) =>
    chosen.size > 0 ? chosen.has(c.key) : events.some((e) => e.connection === c),
  );
  const byConnection = findingsByConnection(capture.connections, lastRecordTime(capture.connections, capture.events));
  const findings = { byConnection, summary: findingSummary };
  return { page, connections, events, navigations: capture.navigations, findings };
}

export function ExportMenu({ store, session }: { store: PanelStore; session: Session }) {
  void store.version.value;
  const [open, setOpen] = useState(false);
  const [filtered, setFiltered] = useState(false);
  const [keys, setKeys] = useState('');
  const [include, setInclude] = useState(false);
  /** Connections whose secrets could not be included in the last export (their pages are gone). */
  const [missing, setMissing] = useState(0);

  const save = async (kind: ExportKind | number) => {
    let source = exportSource(store, filtered);
    let lacking = 0;
    if (include) ({ source, missing: lacking } = await store.secrets.whole(source));
    saveExport(toCaptureFile(source, toolName()), kind, { include, fieldNames: keys.split(',') });
    setMissing(lacking);
    // A choice for one export: the next is masked again.
    setInclude(false);
    if (lacking === 0) setOpen(false);
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
        title={t('export_title')}
        disabled={connections.length === 0}
        onClick={() => setOpen(!open)}
      >
        {t('export_button')}
      </button>
      <label class="link-button" title={t('import_title')}>
        {t('import_button')}
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
        <div class="menu export-menu" role="dialog" aria-label={t('export')} data-export-menu>
          <fieldset>
            <legend>{t('export_what')}</legend>
            <label>
              <input type="radio" name="scope" checked={!filtered} onChange={() => setFiltered(false)} />
              {tn('export_everything', store.capture.events.length + store.capture.held.length)}
            </label>
            <label>
              <input
                type="radio"
                name="scope"
                data-scope="filtered"
                checked={filtered}
                onChange={() => setFiltered(true)}
              />
              {tn('export_filtered', store.view().shown)}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('export_secrets')}</legend>
            <p class="note">{t('export_secrets_masked')}</p>
            <label>
              {t('export_mask_fields')}
              <input
                type="text"
                data-option="keys"
                value={keys}
                disabled={include}
                onInput={(e) => setKeys((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <label>
              <input
                type="checkbox"
                data-option="include-secrets"
                checked={include}
                onChange={(e) => setInclude((e.currentTarget as HTMLInputElement).checked)}
              />
              {t('export_include_secrets')}
            </label>
            {missing > 0 && (
              <p class="note" data-secrets-missing>
                {tn('export_secrets_missing', missing)}
              </p>
            )}
          </fieldset>
          <div class="export-buttons">
            <button type="button" data-export="json" onClick={() => void save('json')}>
              {t('export_json')}
            </button>
            <button type="button" data-export="ndjson" onClick={() => void save('ndjson')}>
              {t('export_ndjson')}
            </button>
            <button type="button" data-export="har" onClick={() => void save('har')}>
              {t('export_har')}
            </button>
          </div>
          <fieldset>
            <legend>{t('export_sse')}</legend>
            {connections.slice(0, 50).map((c) => (
              <button
                type="button"
                key={c.key}
                class="link"
                data-export-sse={c.ordinal}
                onClick={() => void save(c.ordinal)}
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
