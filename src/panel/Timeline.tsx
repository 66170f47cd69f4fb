/**
 * One lane per connection over time, drawn on a canvas: the lifecycle as segments (connecting,
 * open, reconnect gaps, the end), each event a tick coloured by its type, navigation marks, the
 * brushed range and the selected event. Drawing costs O(pixels), not O(events): in a lane, after a
 * tick at column x the next event drawn is found by binary search past x, so 1M events draw as
 * fast as 1k. Drag brushes a range (it filters the table), a click selects the nearest event,
 * Ctrl+wheel zooms, Shift+wheel pans, a double click fits everything.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionView, EventView } from './capture-store';
import { formatRelative, typeColor } from './format';
import type { PanelStore } from './store';
import { firstEventTime } from './Toolbar';

const AXIS = 20;
const LANE = 18;
const GUTTER = 44;
const MIN_SPAN_MS = 5;
const DRAG_PX = 3;
const HIT_PX = 5;

type Range = readonly [number, number];

function laneTimeSearch(events: readonly EventView[], lane: readonly number[], time: number, from = 0): number {
  let low = from;
  let high = lane.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((events[lane[mid] as number] as EventView).time < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The whole capture's time span: from the first connection (or the clear) to now or the last thing seen. */
function fullRange(store: PanelStore, now: number): Range {
  const { capture } = store;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let live = false;
  for (const c of capture.connections) {
    start = Math.min(start, c.segments[0]?.from ?? c.createdAt);
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

/** Axis steps of 1, 2 or 5 × 10^k ms, at least `minPx` apart. */
function axisStep(msPerPx: number, minPx = 90): number {
  const raw = msPerPx * minPx;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (power * m >= raw) return power * m;
  return power * 10;
}

function cssColor(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(name).trim() || '#888';
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
  const base = firstEventTime(store);
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
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const style = getComputedStyle(element);
    const colors = {
      bg: cssColor(style, '--bg'),
      fg: cssColor(style, '--fg'),
      muted: cssColor(style, '--muted'),
      line: cssColor(style, '--line'),
      header: cssColor(style, '--header'),
      open: cssColor(style, '--open'),
      connecting: cssColor(style, '--connecting'),
      failed: cssColor(style, '--failed'),
      closed: cssColor(style, '--closed'),
      accent: cssColor(style, '--accent'),
    };
    context.fillStyle = colors.bg;
    context.fillRect(0, 0, width, height);
    context.font = '11px system-ui, sans-serif';
    context.textBaseline = 'middle';
    const events = capture.events;
    const right = width;

    connections.forEach((connection: ConnectionView, index: number) => {
      const top = AXIS + index * LANE - scrollTop;
      if (top + LANE < AXIS || top > height) return;
      const dimmed = chosen.size > 0 && !chosen.has(connection.key);
      context.globalAlpha = dimmed ? 0.3 : 1;
      if (index % 2 === 1) {
        context.fillStyle = colors.header;
        context.fillRect(0, top, right, LANE);
      }
      context.fillStyle = chosen.has(connection.key) ? colors.accent : colors.muted;
      context.fillText(`#${connection.ordinal}`, 6, top + LANE / 2);
      // Lifecycle: a band at the foot of the lane; the end of a connection is a bar across it.
      const segments = connection.segments;
      segments.forEach((segment, k) => {
        const next = segments[k + 1];
        const x0 = Math.max(GUTTER, xOf(segment.from));
        if (segment.state === 'closed' || segment.state === 'failed') {
          context.fillStyle = segment.state === 'failed' ? colors.failed : colors.closed;
          context.fillRect(xOf(segment.from) - 1, top + 2, 2, LANE - 4);
          return;
        }
        const until = next?.from ?? (connection.gone ? segment.from : now);
        const x1 = Math.min(right, xOf(until));
        if (x1 < GUTTER || x0 > right) return;
        const color =
          segment.state === 'open' ? colors.open : segment.state === 'reconnecting' ? colors.failed : colors.connecting;
        context.fillStyle = color;
        if (segment.state === 'open') context.fillRect(x0, top + LANE - 5, Math.max(1, x1 - x0), 3);
        else for (let x = x0; x < x1; x += 4) context.fillRect(x, top + LANE - 5, 2, 3);
      });
      // Ticks: after one at column x, jump to the first event past x.
      const lane = view.lanes.get(connection.key);
      if (!lane) return;
      const tickWidth = pxPerMs > 2 ? 3 : 2;
      let j = laneTimeSearch(events, lane, start);
      while (j < lane.length) {
        const event = events[lane[j] as number] as EventView;
        if (event.time > end) break;
        const x = Math.floor(xOf(event.time));
        context.fillStyle = typeColor(event.type);
        context.fillRect(x, top + 3, tickWidth, LANE - 10);
        const nextColumn = timeOf(x + tickWidth);
        const following = lane[j + 1];
        j =
          following !== undefined && (events[following] as EventView).time >= nextColumn
            ? j + 1
            : laneTimeSearch(events, lane, nextColumn, j + 1);
      }
    });
    context.globalAlpha = 1;

    // Navigation marks across every lane.
    context.strokeStyle = colors.muted;
    context.setLineDash([3, 3]);
    for (const mark of capture.navigations) {
      const x = Math.round(xOf(mark.time)) + 0.5;
      context.beginPath();
      context.moveTo(x, AXIS);
      context.lineTo(x, height);
      context.stroke();
    }
    context.setLineDash([]);

    if (range) {
      const x0 = Math.max(GUTTER, xOf(range[0]));
      const x1 = Math.min(right, xOf(range[1]));
      context.globalAlpha = 0.18;
      context.fillStyle = colors.accent;
      context.fillRect(x0, AXIS, Math.max(1, x1 - x0), height - AXIS);
      context.globalAlpha = 1;
      context.fillStyle = colors.accent;
      context.fillRect(x0, AXIS, 1, height - AXIS);
      context.fillRect(x1, AXIS, 1, height - AXIS);
    }

    if (selected) {
      const index = connections.indexOf(selected.connection);
      const x = Math.round(xOf(selected.time));
      if (index >= 0 && x >= GUTTER && x <= right) {
        const top = AXIS + index * LANE - scrollTop;
        context.fillStyle = colors.fg;
        context.fillRect(x - 1, Math.max(AXIS, top), 3, LANE);
        context.beginPath();
        context.moveTo(x - 5, AXIS);
        context.lineTo(x + 6, AXIS);
        context.lineTo(x + 0.5, AXIS + 6);
        context.fill();
      }
    }

    // The axis, on top, in time since the first event.
    context.fillStyle = colors.header;
    context.fillRect(0, 0, right, AXIS);
    context.fillStyle = colors.line;
    context.fillRect(0, AXIS - 1, right, 1);
    context.fillRect(GUTTER - 1, 0, 1, height);
    const step = axisStep(1 / pxPerMs);
    context.fillStyle = colors.muted;
    for (let t = Math.ceil((start - base) / step) * step + base; t <= end; t += step) {
      const x = Math.round(xOf(t));
      if (x < GUTTER) continue;
      context.fillRect(x, AXIS - 5, 1, 4);
      context.fillText(formatRelative(t - base).replace(/\.?0+ s$/, ' s'), x + 3, AXIS / 2);
    }
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
        if (hit) store.selected.value = hit;
        else store.range.value = undefined;
      }
    };
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
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
          aria-label="Timeline: one lane per connection"
          tabIndex={0}
          title="Drag to filter a time range · click an event to select it · Ctrl+wheel or +/− to zoom · Shift+wheel or ←/→ to pan · double-click or 0 to fit"
          data-start={start}
          data-end={end}
          data-gutter={GUTTER}
          data-axis={AXIS}
          data-lane={LANE}
          style={{ width: `${width}px`, height: `${height}px` }}
          onMouseDown={onMouseDown}
          onDblClick={() => {
            store.zoom.value = undefined;
          }}
          onWheel={onWheel}
          onKeyDown={onKeyDown}
        />
        <div style={{ height: `${Math.max(0, contentHeight - height)}px` }} />
      </div>
      <div class="timeline-controls">
        <button type="button" class="icon" title="Zoom in (+)" data-action="zoom-in" onClick={() => zoomBy(1 / 1.5)}>
          +
        </button>
        <button type="button" class="icon" title="Zoom out (−)" data-action="zoom-out" onClick={() => zoomBy(1.5)}>
          −
        </button>
        <button
          type="button"
          class="icon"
          title="Fit everything (0)"
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
