/**
 * A connection's timing, as the connection list and the Insights tab show it: time to response
 * headers, to first byte and to first event (first token for an LLM stream), duration, events and
 * bytes per second, the gaps between events (p50, p95, max), the longest silence (the current one
 * counts while the stream is open), reconnects and the time spent reconnecting.
 */
import { firstTokenAt } from '../llm/timing';
import type { ConnectionView } from '../store/views';
import type { InsightTracker } from './tracker';

export interface ConnectionTiming {
  /** From the request to each, in ms (undefined when not known). */
  toHeaders?: number;
  toFirstByte?: number;
  toFirstEvent?: number;
  toFirstToken?: number;
  duration: number;
  eventsPerSecond?: number;
  bytesPerSecond?: number;
  gapP50?: number;
  gapP95?: number;
  gapMax?: number;
  longestSilence?: number;
  reconnects: number;
  reconnectingMs: number;
  stalls: number;
}

const ended = (c: ConnectionView) => c.state === 'failed' || c.state === 'closed' || c.endReason !== undefined;

export function timingOf(
  connection: ConnectionView,
  tracker: InsightTracker | undefined,
  now: number,
): ConnectionTiming {
  const start = connection.createdAt;
  const end = ended(connection) ? (connection.endedAt ?? connection.lastEventAt ?? start) : now;
  const duration = Math.max(0, end - start);
  const timing: ConnectionTiming = {
    duration,
    reconnects: connection.reconnects,
    reconnectingMs: 0,
    stalls: tracker?.gaps.stallCount ?? 0,
  };
  const opened = connection.response?.time ?? connection.lifecycle.find((s) => s.state === 'open')?.from;
  if (opened !== undefined) timing.toHeaders = opened - start;
  const firstChunk = connection.chunks[0]?.time;
  if (firstChunk !== undefined) timing.toFirstByte = firstChunk - start;
  const firstEvent = connection.firstEventAt;
  if (firstEvent !== undefined) timing.toFirstEvent = firstEvent - start;
  const answer = connection.llm?.response;
  const firstToken = answer ? firstTokenAt(answer) : undefined;
  if (firstToken !== undefined) timing.toFirstToken = firstToken - start;
  if (duration > 0) {
    timing.eventsPerSecond = (connection.events * 1000) / duration;
    timing.bytesPerSecond = (connection.bytes * 1000) / duration;
  }
  if (tracker && tracker.gaps.count > 0) {
    timing.gapP50 = tracker.gaps.quantile(0.5);
    timing.gapP95 = tracker.gaps.quantile(0.95);
    timing.gapMax = tracker.gaps.max;
  }
  const silentSince = connection.lastEventAt ?? opened;
  const current =
    !ended(connection) && connection.state === 'open' && silentSince !== undefined ? now - silentSince : 0;
  const longest = Math.max(timing.gapMax ?? 0, current);
  if (longest > 0) timing.longestSilence = longest;
  connection.lifecycle.forEach((segment, i) => {
    if (segment.state !== 'reconnecting') return;
    const next = connection.lifecycle[i + 1]?.from ?? (ended(connection) ? end : now);
    timing.reconnectingMs += Math.max(0, next - segment.from);
  });
  return timing;
}
