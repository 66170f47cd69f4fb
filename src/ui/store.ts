/**
 * The panel's reactive state: the plain capture store, the filter over it, and the signals the
 * view reads. Records are applied to the capture as they arrive; the view is told at most once per
 * RENDER_MS, so a flood of events costs one render per interval, not one per event.
 */
import { computed, effect, signal } from '@preact/signals';
import { EventFilter, type FilterSpec, isPlain } from '../core/event-filter';
import { parseQuery } from '../core/filter-query';
import { BacklogProgress, type LoadProgress } from '../core/store/backlog-progress';
import { CaptureStore } from '../core/store/capture-store';
import type { EventView } from '../core/store/views';
import { createFaultLine } from './faults';
import { createSecrets } from './secrets';
import { insightSettings, settings } from './settings';

const RENDER_MS = 50;
/**
 * While a backlog loads, the view is told less often: each render draws over everything in so far,
 * and at 50 ms a 1,000,000-event backlog took a second longer to show whole.
 */
const LOADING_RENDER_MS = 250;
const CLOCK_MS = 1000;

export type DetailTab = 'data' | 'json' | 'raw' | 'stream' | 'request' | 'response' | 'insights';

export function createPanelStore() {
  const capture = new CaptureStore(insightSettings);
  const version = signal(0);
  const queryText = signal('');
  const query = computed(() => parseQuery(queryText.value));
  const types = signal<ReadonlySet<string>>(new Set());
  const connections = signal<ReadonlySet<string>>(new Set());
  const range = signal<readonly [number, number] | undefined>(undefined);
  const lifecycle = signal(true);
  const spec = computed<FilterSpec>(() => ({
    query: query.value,
    types: types.value,
    connections: connections.value,
    range: range.value,
    lifecycle: lifecycle.value,
  }));
  const filter = new EventFilter();
  /**
   * The view with no filter, kept apart and up to date whenever it shows: clearing a filter over
   * 1,000,000 events placed every one again (124 ms); now only those that came meanwhile.
   */
  const unfiltered = new EventFilter();
  const backlog = new BacklogProgress();
  const loading = signal<LoadProgress | undefined>(undefined);
  let scheduled = false;
  /** The progress bar follows the backlog (a file's reading sets `loading` itself, with no backlog). */
  const updateBacklog = () => {
    if (!backlog.tracking) return;
    const now = backlog.progress((docId) => capture.cursorOf(docId), Date.now());
    if (now?.done !== loading.value?.done || now?.total !== loading.value?.total) loading.value = now;
  };

  const store = {
    capture,
    filter,
    /** Secrets the user asked to see, from the relays that kept them (a live capture only). */
    secrets: createSecrets(),
    /** The panel's requests for faults on live connections, to the worker. */
    faults: createFaultLine(),
    /** Bumped when the capture changed; components read it to re-render. */
    version,
    /** Whether the inspected tab runs our content scripts (undefined until the worker answers). */
    reachable: signal<boolean | undefined>(undefined),
    /** Whether the port to the worker is up. */
    connected: signal(false),
    /** Live SSE connections per origin across every tab, as the worker counts them. */
    originCounts: signal<ReadonlyMap<string, number>>(new Map()),
    /** The wall clock, ticking once a second for ages, durations and rates. */
    now: signal(Date.now()),
    queryText,
    query,
    types,
    connections,
    range,
    /** Whether the table shows the connections' lifecycle (open, reconnecting, failed…) among the events. */
    lifecycle,
    spec,
    selected: signal<EventView | undefined>(undefined),
    detailOpen: signal(true),
    /** The detail pane's tab: JSON when the data is JSON, until the user picks another. */
    detailTab: signal<DetailTab>('json'),
    /** The timeline's visible time range; undefined fits everything and follows the live end. */
    zoom: signal<readonly [number, number] | undefined>(undefined),
    paused: signal(false),
    /** A backlog's records still coming (or an import's still being read): the progress bar's. */
    loading,
    /** A relay's backlog batch came (it ends at `upTo`), before it was applied. */
    backlogBatch(docId: string, upTo: number): void {
      backlog.batch(docId, capture.cursorOf(docId), upTo, Date.now());
    },
    changed(): void {
      if (scheduled) return;
      scheduled = true;
      setTimeout(
        () => {
          scheduled = false;
          updateBacklog();
          version.value++;
        },
        backlog.tracking ? LOADING_RENDER_MS : RENDER_MS,
      );
    },
    /**
     * The filtered view, brought up to date with the capture. Call it while rendering: it reads
     * `version`, so the component re-renders when the capture changes (signals skip components
     * whose props did not change, and a component's props here are only the store).
     */
    view(): EventFilter {
      void version.value;
      const view = isPlain(spec.value) ? unfiltered : filter;
      view.update(capture, spec.value);
      return view;
    },
    togglePause(): void {
      if (capture.paused) capture.resume();
      else capture.pause(Date.now());
      store.paused.value = capture.paused;
      version.value++;
    },
    clear(): void {
      capture.clear(Date.now());
      store.selected.value = undefined;
      store.range.value = undefined;
      store.zoom.value = undefined;
      version.value++;
    },
    clearFilters(): void {
      queryText.value = '';
      types.value = new Set();
      connections.value = new Set();
      range.value = undefined;
    },
  };
  effect(() => {
    capture.preserveLog = settings.value.preserveLog;
  });
  setInterval(() => {
    store.now.value = Date.now();
    // A backlog whose relay went away mid-way stops being shown as loading.
    updateBacklog();
  }, CLOCK_MS);
  return store;
}

export type PanelStore = ReturnType<typeof createPanelStore>;
