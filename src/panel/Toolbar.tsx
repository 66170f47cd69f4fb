/**
 * The toolbar (record/pause, clear, preserve log, the text filter, settings) and the filter bar
 * under it (type chips with counts, the connection and time-range filters in force).
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { changeSettings, settings } from '../ui/settings';
import type { PanelStore } from '../ui/store';
import { DroppedNote } from './DroppedNote';
import { ExportMenu } from './ExportMenu';
import { HealthCount } from './HealthCount';
import { SettingsMenu } from './SettingsMenu';
import type { Session } from './session';
import { useDismiss } from './use-dismiss';

/** A count as the rest of the panel writes them: 50,001. */
const count = (n: number) => n.toLocaleString('en-US');

export function Toolbar({ store, session }: { store: PanelStore; session: Session }) {
  const view = store.view();
  const live = session.imported.value === undefined;
  const { capture } = store;
  const query = store.query.value;
  const paused = store.paused.value;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsAnchor = useRef<HTMLSpanElement>(null);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  useDismiss(settingsOpen, closeSettings, settingsAnchor);
  const total = capture.events.length;
  const filtering =
    query.kind === 'terms' ||
    store.types.value.size > 0 ||
    store.connections.value.size > 0 ||
    store.range.value !== undefined;
  return (
    <div class="toolbar" role="toolbar" aria-label="SSE Scope">
      {live && (
        <>
          <button
            type="button"
            class={`icon record${paused ? '' : ' on'}`}
            aria-pressed={!paused}
            data-action="record"
            title={
              paused
                ? 'Resume: show the events that arrived while paused, and new ones'
                : 'Pause: freeze the view. Events keep being captured and appear when you resume.'
            }
            onClick={() => store.togglePause()}
          >
            ●
          </button>
          <button
            type="button"
            class="icon"
            data-action="clear"
            title="Clear: remove the events shown and the connections that ended (live connections stay)"
            onClick={() => store.clear()}
          >
            ⊘
          </button>
          <label class="check" title="Keep the capture across navigations, with a divider per navigation">
            <input
              type="checkbox"
              data-action="preserve-log"
              aria-label="Preserve log"
              checked={settings.value.preserveLog}
              onChange={(e) => changeSettings({ preserveLog: (e.currentTarget as HTMLInputElement).checked })}
            />
            <span class="label-text">Preserve log</span>
          </label>
        </>
      )}
      <ExportMenu store={store} session={session} />
      <span class="separator" />
      <input
        type="search"
        class={`filter${query.kind === 'invalid' ? ' invalid' : ''}`}
        data-action="filter"
        placeholder="Filter: text, /regex/, type:, id:, url:, -exclude"
        aria-label="Filter the events: words or /regex/ in the data; type:, id: and url: terms; - before a term excludes"
        title={
          'Words (all must match) or /regex/ in the data; type:ping and id:42 (exact), url:/chat (the connection\'s URL); -type:ping leaves out what a term matches; "quotes" keep spaces'
        }
        aria-invalid={query.kind === 'invalid'}
        spellcheck={false}
        value={store.queryText.value}
        onInput={(e) => {
          store.queryText.value = (e.currentTarget as HTMLInputElement).value;
        }}
      />
      {query.kind === 'invalid' && (
        <span class="warn" role="alert" data-filter-error>
          {query.message}
        </span>
      )}
      <span data-summary class="summary">
        {!filtering
          ? `${count(capture.connections.length)} connection${capture.connections.length === 1 ? '' : 's'}, ${count(total)} event${total === 1 ? '' : 's'}`
          : `${count(view.shown)} of ${count(total)} events`}
      </span>
      {paused && capture.held.length > 0 && (
        <span class="note" data-held>
          Paused: {count(capture.held.length)} new event{capture.held.length === 1 ? '' : 's'} held
        </span>
      )}
      {!store.connected.value && <span class="warn">reconnecting to the extension…</span>}
      {capture.invalid > 0 && <span class="warn">{count(capture.invalid)} malformed records refused</span>}
      <DroppedNote store={store} />
      <HealthCount store={store} now={capture.frozenAt ?? store.now.value} />
      <span class="spacer" />
      <span class="anchor" ref={settingsAnchor}>
        <button
          type="button"
          class="icon"
          data-action="settings"
          aria-expanded={settingsOpen}
          title="Settings"
          onClick={() => setSettingsOpen(!settingsOpen)}
        >
          ⚙
        </button>
        {settingsOpen && <SettingsMenu workers={capture.workers} onClose={closeSettings} />}
      </span>
    </div>
  );
}
