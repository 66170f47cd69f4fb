/**
 * The timeline: one lane per connection over time, drawn on a canvas by `timeline-draw.ts`. This
 * component holds the view (zoom, pan, lanes scrolled) and the gestures: drag brushes a range (it
 * filters the table), a click selects the nearest event, Ctrl+wheel zooms, Shift+wheel pans, a
 * double click fits everything; the keyboard does the same with +, −, ←, →, 0 and Escape. A fault
 * SSE Scope put on a connection is a mark over its lane, an element (not paint) so that it names
 * the fault on hover, in the lifecycle's words.
 */

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { EventView } from '../core/store/views';
import { faultWords } from '../ui/faults';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { replayedTitle } from '../ui/text/replay';
import { AXIS, drawTimeline, GUTTER, LANE, laneTimeSearch, type Range } from './timeline-draw';

const MIN_SPAN_MS = 5;
const DRAG_PX = 3;
const HIT_PX = 5;

/** The whole capture's time span: from the first connection (or the clear) to now or the last thing seen. */
function fullRange(store: PanelStore, now: number): Range {
  const { capture } = store;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let live = false;
  for (const c of capture.connections) {
    start = Math.min(start, c.lifecycle[0]?.from ?? c.createdAt);
    end = Math.max(end, c.endedAt ?? c.lastEventAt ?? c.createdAt);
    if (c.endedAt === undefined && !c.gone) live = true;
  }
  const last = capture.events[capture.events.length - 1];
  if (last) end = Math.max(end, last.time);
  if (live) end = Math.max(end, now);
  if (!Number.isFinite(start)) return [now - 1000, now];
  const span = Math.max(end - start, 100);
  return [start - span * 0.01, start + span * 1.02];
}

export function Timeline({ store }: { store: PanelStore }) {
  const view = store.view();
  const { capture } = store;
  const connections = capture.connections;
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(600);
  const [viewport, setViewport] = useState(160);
  const [scrollTop, setScrollTop] = useState(0);
  const [brushing, setBrushing] = useState<Range | undefined>(undefined);
  const now = capture.frozenAt ?? Date.now();
  const visible = store.zoom.value ?? fullRange(store, now);
  const [start, end] = visible;
  const pxPerMs = Math.max(1, width - GUTTER - 8) / (end - start);
  const xOf = (time: number) => GUTTER + (time - start) * pxPerMs;
  const timeOf = (x: number) => start + (x - GUTTER) / pxPerMs;
  const contentHeight = AXIS + connections.length * LANE;
  const height = Math.max(AXIS + LANE, Math.min(viewport, contentHeight));
  const base = store.capture.timeZero;
  const selected = store.selected.value;
  const chosen = store.connections.value;
  const range = brushing ?? store.range.value;
  // Repaint on every render: the clock moves the live end even when no event arrived.
  void store.now.value;

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      setWidth(element.clientWidth);
      setViewport(element.clientHeight);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (!canvas.current) return;
    drawTimeline(canvas.current, {
      width,
      height,
      start,
      end,
      scrollTop,
      now,
      base,
      connections,
      events: capture.events,
      lanes: view.lanes,
      navigations: capture.navigations,
      chosen,
      range,
      selected,
    });
  });

  const pointer = useRef<{ x: number; y: number; moved: boolean } | undefined>(undefined);

  const localX = (e: MouseEvent) => e.clientX - (canvas.current?.getBoundingClientRect().left ?? 0);
  const localY = (e: MouseEvent) => e.clientY - (canvas.current?.getBoundingClientRect().top ?? 0);

  const onMouseDown = (e: MouseEvent) => {
    if (e.button !== 0 || localX(e) < GUTTER) return;
    pointer.current = { x: localX(e), y: localY(e), moved: false };
    const onMove = (move: MouseEvent) => {
      const down = pointer.current;
      if (!down) return;
      const x = localX(move);
      if (Math.abs(x - down.x) >= DRAG_PX) down.moved = true;
      if (down.moved) {
        const a = timeOf(Math.max(GUTTER, down.x));
        const b = timeOf(Math.max(GUTTER, x));
        setBrushing([Math.min(a, b), Math.max(a, b)]);
      }
    };
    const onUp = (up: MouseEvent) => {
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
      const down = pointer.current;
      pointer.current = undefined;
      setBrushing(undefined);
      if (!down) return;
      if (down.moved) {
        const a = timeOf(Math.max(GUTTER, down.x));
        const b = timeOf(Math.max(GUTTER, localX(up)));
        store.range.value = [Math.min(a, b), Math.max(a, b)];
      } else {
        const hit = eventAt(down.x, down.y);
        if (hit) {
          store.selected.value = hit;
          store.detailOpen.value = true;
        } else store.range.value = undefined;
      }
    };
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
  };

  /** Over a replayed connection's lane, the title says which rule answered it (set here: no render per move). */
  const onMouseMove = (e: MouseEvent) => {
    const y = localY(e);
    const replay = y >= AXIS ? connections[Math.floor((y + scrollTop - AXIS) / LANE)]?.replay : undefined;
    const title = replay ? replayedTitle(replay) : t('timeline_title');
    if (canvas.current && canvas.current.title !== title) canvas.current.title = title;
  };

  /** The event drawn nearest to a point, within HIT_PX. */
  const eventAt = (x: number, y: number): EventView | undefined => {
    const connection = connections[Math.floor((y + scrollTop - AXIS) / LANE)];
    const lane = connection && y >= AXIS ? view.lanes.get(connection.key) : undefined;
    if (!lane) return undefined;
    const events = capture.events;
    const j = laneTimeSearch(events, lane, timeOf(x - HIT_PX));
    let best: EventView | undefined;
    for (let k = j; k < lane.length; k++) {
      const event = events[lane[k] as number] as EventView;
      const distance = Math.abs(xOf(event.time) - x);
      if (xOf(event.time) > x + HIT_PX) break;
      if (!best || distance < Math.abs(xOf(best.time) - x)) best = event;
    }
    return best;
  };

  const zoomBy = (factor: number, atX = GUTTER + (width - GUTTER) / 2) => {
    const anchor = timeOf(atX);
    const span = Math.max(MIN_SPAN_MS, (end - start) * factor);
    const ratio = (anchor - start) / (end - start);
    store.zoom.value = [anchor - span * ratio, anchor - span * ratio + span];
  };
  const panBy = (px: number) => {
    const ms = px / pxPerMs;
    store.zoom.value = [start + ms, end + ms];
  };

  const onWheel = (e: WheelEvent) => {
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      zoomBy(1.15 ** (e.deltaY / 40), localX(e));
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      e.preventDefault();
      panBy(e.shiftKey ? e.deltaY : e.deltaX);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      '+': () => zoomBy(1 / 1.5),
      '=': () => zoomBy(1 / 1.5),
      '-': () => zoomBy(1.5),
      '0': () => {
        store.zoom.value = undefined;
      },
      ArrowLeft: () => panBy(-(width - GUTTER) / 8),
      ArrowRight: () => panBy((width - GUTTER) / 8),
      Escape: () => {
        store.range.value = undefined;
      },
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  return (
    <div class="timeline-wrap">
      <div
        class="timeline"
        ref={container}
        style={{ height: `${Math.min(contentHeight, 180)}px` }}
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop)}
      >
        <canvas
          ref={canvas}
          role="img"
          aria-label={t('timeline_label')}
          tabIndex={0}
          title={t('timeline_title')}
          data-start={start}
          data-end={end}
          data-gutter={GUTTER}
          data-axis={AXIS}
          data-lane={LANE}
          data-replayed-lanes={connections.flatMap((c) => (c.replay ? [c.ordinal] : [])).join(' ') || undefined}
          style={{ width: `${width}px`, height: `${height}px` }}
          onMouseDown={onMouseDown}
          onMouseMove={onMouseMove}
          onDblClick={() => {
            store.zoom.value = undefined;
          }}
          onWheel={onWheel}
          onKeyDown={onKeyDown}
        />
        <div style={{ height: `${Math.max(0, contentHeight - height)}px` }} />
        {connections.flatMap((connection, index) => {
          const top = AXIS + index * LANE;
          if (top < AXIS + scrollTop || top > scrollTop + height) return [];
          return connection.faults
            .filter(({ time }) => xOf(time) >= GUTTER && xOf(time) <= width)
            .map(({ time, fault, ms }) => (
              <span
                key={`${connection.key}@${time}-${fault}`}
                class="fault-mark"
                data-fault={fault}
                data-connection={connection.ordinal}
                title={t('timeline_fault', { fault: faultWords(fault, ms) })}
                style={{ left: `${xOf(time)}px`, top: `${top + 1}px` }}
              />
            ));
        })}
      </div>
      <div class="timeline-controls">
        <button type="button" class="icon" title={t('zoom_in')} data-action="zoom-in" onClick={() => zoomBy(1 / 1.5)}>
          +
        </button>
        <button type="button" class="icon" title={t('zoom_out')} data-action="zoom-out" onClick={() => zoomBy(1.5)}>
          −
        </button>
        <button
          type="button"
          class="icon"
          title={t('zoom_fit')}
          data-action="zoom-fit"
          onClick={() => {
            store.zoom.value = undefined;
          }}
        >
          ⤢
        </button>
      </div>
    </div>
  );
}
