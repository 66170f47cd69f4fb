/**
 * The toolbar (record/pause, clear, preserve log, the text filter, settings) and the filter bar
 * under it (type chips with counts, the connection and time-range filters in force).
 */
import { useEffect, useState } from 'preact/hooks';
import { formatRelative, typeColor } from '../core/format';
import { CAPTURE_CAP, EXACT_BYTES } from '../core/model';
import { browser, streamFilters } from '../platform/browser';
import { changeSettings, settings } from '../ui/settings';
import type { PanelStore } from '../ui/store';
import { ExportMenu } from './ExportMenu';
import type { Session } from './session';

export function Toolbar({ store, session }: { store: PanelStore; session: Session }) {
  const view = store.view();
  const live = session.imported.value === undefined;
  const { capture } = store;
  const query = store.query.value;
  const paused = store.paused.value;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const total = capture.events.length;
  const filtering =
    query.kind === 'text' ||
    query.kind === 'regex' ||
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
              checked={settings.value.preserveLog}
              onChange={(e) => changeSettings({ preserveLog: (e.currentTarget as HTMLInputElement).checked })}
            />
            Preserve log
          </label>
        </>
      )}
      <ExportMenu store={store} session={session} />
      <span class="separator" />
      <input
        type="search"
        class={`filter${query.kind === 'invalid' ? ' invalid' : ''}`}
        data-action="filter"
        placeholder="Filter data (text or /regex/)"
        aria-label="Filter the events' data by text or /regex/"
        aria-invalid={query.kind === 'invalid'}
        spellcheck={false}
        value={store.queryText.value}
        onInput={(e) => {
          store.queryText.value = (e.currentTarget as HTMLInputElement).value;
        }}
      />
      {query.kind === 'invalid' && (
        <span class="warn" role="alert" data-filter-error>
          Invalid regular expression: {query.message}
        </span>
      )}
      <span data-summary class="summary">
        {!filtering
          ? `${capture.connections.length} connection${capture.connections.length === 1 ? '' : 's'}, ${total} event${total === 1 ? '' : 's'}`
          : `${view.shown} of ${total} events`}
      </span>
      {paused && capture.held.length > 0 && (
        <span class="note" data-held>
          Paused: {capture.held.length} new event{capture.held.length === 1 ? '' : 's'} held
        </span>
      )}
      {!store.connected.value && <span class="warn">reconnecting to the extension…</span>}
      {capture.invalid > 0 && <span class="warn">{capture.invalid} malformed records refused</span>}
      <DroppedNote store={store} />
      <span class="spacer" />
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
      {settingsOpen && <SettingsMenu onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}

/** Events the page's capture could not keep (its cap was reached), and where to raise the cap. */
function DroppedNote({ store }: { store: PanelStore }) {
  const dropped = store.capture.connections.reduce((n, c) => n + c.dropped, 0);
  if (dropped === 0) return null;
  return (
    <span
      class="warn"
      data-dropped
      title="The page keeps its capture up to a cap, so that a flood cannot exhaust memory"
    >
      {dropped.toLocaleString('en-US')} event{dropped === 1 ? '' : 's'} not kept: the capture reached its cap (⚙ to
      raise it, then reload the page)
    </span>
  );
}

/** The cap on what a page keeps, in storage.local where every relay reads it. */
function CapSetting() {
  const [mib, setMib] = useState<number | undefined>(undefined);
  useEffect(() => {
    browser.storage.local
      .get(CAPTURE_CAP.key)
      .then((saved) => setMib(Number(saved[CAPTURE_CAP.key] ?? CAPTURE_CAP.defaultMiB)))
      .catch(() => setMib(CAPTURE_CAP.defaultMiB));
  }, []);
  return (
    <fieldset>
      <legend>Capture cap</legend>
      <label>
        Keep at most{' '}
        <input
          type="number"
          data-setting="cap"
          min={CAPTURE_CAP.minMiB}
          max={CAPTURE_CAP.maxMiB}
          value={mib ?? ''}
          onChange={(e) => {
            const value = Math.round(Number((e.currentTarget as HTMLInputElement).value));
            if (!Number.isFinite(value)) return;
            const clamped = Math.min(CAPTURE_CAP.maxMiB, Math.max(CAPTURE_CAP.minMiB, value));
            setMib(clamped);
            void browser.storage.local.set({ [CAPTURE_CAP.key]: clamped });
          }}
        />{' '}
        MiB of text per page (default {CAPTURE_CAP.defaultMiB})
      </label>
    </fieldset>
  );
}

/**
 * Firefox only: read EventSource responses through a stream filter, for their exact bytes. Off by
 * default: each chunk then passes through the extension on its way to the page.
 */
function ExactBytesSetting() {
  const [on, setOn] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    browser.storage.local
      .get(EXACT_BYTES.key)
      .then((saved) => setOn(saved[EXACT_BYTES.key] === true))
      .catch(() => setOn(false));
  }, []);
  if (!streamFilters()) return null;
  return (
    <fieldset>
      <legend>EventSource bytes</legend>
      <label title="Shows comments, retry fields, events of types nobody listens for and how the network cut the stream. Each chunk passes through SSE Scope on its way to the page, which adds a little latency.">
        <input
          type="checkbox"
          data-setting="exact-bytes"
          checked={on === true}
          disabled={on === undefined}
          onChange={(e) => {
            const checked = (e.currentTarget as HTMLInputElement).checked;
            setOn(checked);
            void browser.storage.local.set({ [EXACT_BYTES.key]: checked });
          }}
        />
        Read the exact bytes (Firefox; connections opened from now on)
      </label>
    </fieldset>
  );
}

/** One setting as radio buttons: an option's key is its value, the text its label. */
function Choice<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  options: Record<T, string>;
  onChange(value: T): void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {(Object.keys(props.options) as T[]).map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={props.name}
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />
          {props.options[option]}
        </label>
      ))}
    </fieldset>
  );
}

function SettingsMenu({ onClose }: { onClose(): void }) {
  const current = settings.value;
  return (
    <div class="menu" role="dialog" aria-label="Settings" data-settings>
      <CapSetting />
      <ExactBytesSetting />
      <Choice
        legend="Time column"
        name="time-format"
        value={current.timeFormat}
        options={{ relative: 'Since the first event', absolute: 'Clock time' }}
        onChange={(timeFormat) => changeSettings({ timeFormat })}
      />
      <Choice
        legend="Theme"
        name="theme"
        value={current.theme}
        options={{ auto: 'Follow DevTools', light: 'Light', dark: 'Dark' }}
        onChange={(theme) => changeSettings({ theme })}
      />
      <button type="button" onClick={onClose}>
        Done
      </button>
    </div>
  );
}

/** Type chips (every type seen, with how many events pass the other filters) and active filters. */
export function FilterBar({ store }: { store: PanelStore }) {
  const view = store.view();
  const chosen = store.types.value;
  const known = new Set<string>(store.capture.types);
  for (const connection of store.capture.connections) for (const type of connection.listening) known.add(type);
  for (const type of chosen) known.add(type);
  const types = [...known].sort((a, b) => (a === 'message' ? -1 : b === 'message' ? 1 : a.localeCompare(b)));
  const toggle = (type: string) => {
    const next = new Set(chosen);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    store.types.value = next;
  };
  const selectedConnections = store.connections.value;
  const range = store.range.value;
  const base = firstEventTime(store);
  return (
    <div class="filterbar">
      <button
        type="button"
        class={`chip${chosen.size === 0 ? ' on' : ''}`}
        data-chip=""
        aria-pressed={chosen.size === 0}
        onClick={() => {
          store.types.value = new Set();
        }}
      >
        All types
      </button>
      {types.map((type) => (
        <button
          type="button"
          key={type}
          class={`chip${chosen.has(type) ? ' on' : ''}`}
          data-chip={type}
          aria-pressed={chosen.has(type)}
          title={`Show only ${type} events (several can be chosen)`}
          onClick={() => toggle(type)}
        >
          <span class="swatch" style={{ background: typeColor(type) }} />
          <span class="chip-name">{type}</span>
          <span class="count">{view.typeCounts.get(type) ?? 0}</span>
        </button>
      ))}
      {selectedConnections.size > 0 && (
        <button
          type="button"
          class="chip on active-filter"
          data-clear="connections"
          title="Show every connection"
          onClick={() => {
            store.connections.value = new Set();
          }}
        >
          {selectedConnections.size === 1 ? '1 connection' : `${selectedConnections.size} connections`} ✕
        </button>
      )}
      {range && (
        <button
          type="button"
          class="chip on active-filter"
          data-clear="range"
          title="Show the whole time range"
          onClick={() => {
            store.range.value = undefined;
          }}
        >
          {formatRelative(range[0] - base)} – {formatRelative(range[1] - base)} ✕
        </button>
      )}
    </div>
  );
}

/** What relative times count from: the first event shown, or the first connection before any event. */
export function firstEventTime(store: PanelStore): number {
  const { capture } = store;
  return capture.events[0]?.time ?? capture.connections[0]?.createdAt ?? capture.clearedAt ?? 0;
}
