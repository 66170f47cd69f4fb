/**
 * Draws the timeline on its canvas: a lane per connection with its lifecycle as a band at the
 * foot (connecting dotted, open solid, reconnect gaps dotted red, the end a bar), a replayed lane
 * hatched, each event a
 * tick in its type's colour, navigation marks, the brushed range, the selected event, and the axis
 * in time since the first event. Drawing costs O(pixels), not O(events): in a lane, after a tick
 * at column x the next event drawn is found by binary search past x.
 */

import { partitionPoint } from '../core/partition';
import type { ConnectionView, EventView, NavigationMark } from '../core/store/views';
import { words } from '../ui/text/catalogue';
import { formatRelative, typeColor } from '../ui/text/format';

export const AXIS = 20;
export const LANE = 18;
export const GUTTER = 44;
/** The zoom buttons over the axis's right end (+, −, fit), in CSS pixels. */
const CONTROLS_WIDTH = 84;

export type Range = readonly [number, number];

/** An axis label: the time since the first event without trailing zeros (+1 s, +2.5 s; +1:30.000 past a minute). */
function axisLabel(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 60_000) return formatRelative(ms);
  const decimals =
    (abs / 1000)
      .toFixed(3)
      .replace(/\.?0+$/, '')
      .split('.')[1]?.length ?? 0;
  return `${ms < 0 ? '−' : '+'}${words().seconds(abs / 1000, decimals)}`;
}

export function laneTimeSearch(events: readonly EventView[], lane: readonly number[], time: number, from = 0): number {
  return partitionPoint(lane.length, (i) => (events[lane[i] as number] as EventView).time < time, from);
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

/** A replayed connection's lane is hatched across, in the replay tag's colour: at a glance, no server's stream. */
function hatch(context: CanvasRenderingContext2D, top: number, right: number, color: string): void {
  context.save();
  context.beginPath();
  context.rect(GUTTER, top, right - GUTTER, LANE);
  context.clip();
  context.strokeStyle = color;
  context.globalAlpha *= 0.35;
  context.beginPath();
  for (let x = GUTTER - LANE; x < right; x += 8) {
    context.moveTo(x, top + LANE);
    context.lineTo(x + LANE, top);
  }
  context.stroke();
  context.restore();
}

export interface TimelineScene {
  width: number;
  height: number;
  /** The visible time range. */
  start: number;
  end: number;
  scrollTop: number;
  /** The live end (or when the view was paused). */
  now: number;
  /** What the axis counts from. */
  base: number;
  connections: readonly ConnectionView[];
  events: readonly EventView[];
  /** Per connection, the indices of its events that pass the filter. */
  lanes: ReadonlyMap<string, readonly number[]>;
  navigations: readonly NavigationMark[];
  /** Connections chosen in the list (the others are dimmed). */
  chosen: ReadonlySet<string>;
  range: Range | undefined;
  selected: EventView | undefined;
}

export function drawTimeline(element: HTMLCanvasElement, scene: TimelineScene): void {
  const context = element.getContext('2d');
  if (!context) return;
  const { width, height, start, end, scrollTop, now, base, connections, events, lanes, chosen, range, selected } =
    scene;
  const pxPerMs = Math.max(1, width - GUTTER - 8) / (end - start);
  const xOf = (time: number) => GUTTER + (time - start) * pxPerMs;
  const timeOf = (x: number) => start + (x - GUTTER) / pxPerMs;
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
  context.font = '11px system-ui, sans-serif'; // not-ui-text: a CSS font
  context.textBaseline = 'middle';
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
    if (connection.replay) hatch(context, top, right, colors.failed);
    context.fillStyle = chosen.has(connection.key) ? colors.accent : colors.muted;
    context.fillText(`#${connection.ordinal}`, 6, top + LANE / 2);
    // Lifecycle: a band at the foot of the lane; the end of a connection is a bar across it.
    const segments = connection.lifecycle;
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
    // Stalls: a bracket over the silence, at the top of the lane.
    const stalls = connection.insights?.gaps.stalls ?? [];
    if (stalls.length > 0) {
      context.fillStyle = colors.failed;
      for (const stall of stalls) {
        const x0 = Math.max(GUTTER, xOf(stall.from));
        const x1 = Math.min(right, xOf(stall.to));
        if (x1 < GUTTER || x0 > right) continue;
        context.fillRect(x0, top + 1, Math.max(1, x1 - x0), 2);
        context.fillRect(x0, top + 1, 1, 5);
        context.fillRect(x1 - 1, top + 1, 1, 5);
      }
    }
    // Ticks: after one at column x, jump to the first event past x.
    const lane = lanes.get(connection.key);
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
  for (const mark of scene.navigations) {
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
  let labelsEnd = 0;
  for (let t = Math.ceil((start - base) / step) * step + base; t <= end; t += step) {
    const x = Math.round(xOf(t));
    if (x < GUTTER) continue;
    context.fillRect(x, AXIS - 5, 1, 4);
    const label = axisLabel(t - base);
    // A label the zoom buttons would cover (at the axis's right end) is left out; its tick stays.
    const labelEnd = x + 3 + context.measureText(label).width;
    if (labelEnd > right - CONTROLS_WIDTH) continue;
    context.fillText(label, x + 3, AXIS / 2);
    labelsEnd = Math.max(labelsEnd, labelEnd);
  }
  // Where the axis's labels end, for tests (a canvas keeps no text).
  element.dataset.labelsEnd = String(Math.ceil(labelsEnd));
}
