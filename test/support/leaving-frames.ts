/** many-frames.html: which of its frames leave mid-stream, and what the panel must say of them. */
import { expect } from '@playwright/test';
import type { PanelConnection } from '../harness/panel-reader';

/** The frames of many-frames.html that leave mid-stream (the nested one goes with its parent). */
export const LEAVING = ['s2', 's3', 's5', 's5-inner', 's8', 'x2', 'x3'];
export const frameOf = (url: string) => new URL(url).searchParams.get('frame') ?? '';

/**
 * The connections of frames that left read `gone` (Chrome fails a removed frame's EventSource,
 * with an error event, just before its pagehide: that is not a failure of the stream); the others
 * closed at their end; each in its own frame.
 */
export function expectGoneExactlyThoseThatLeft(connections: PanelConnection[]): void {
  expect(
    connections
      .filter((c) => c.gone)
      .map((c) => frameOf(c.url))
      .sort(),
  ).toEqual([...LEAVING].sort());
  for (const connection of connections) {
    expect(connection.badge, connection.url).toBe(connection.gone ? 'gone' : 'closed');
    expect(connection.frame === 'top', connection.url).toBe(frameOf(connection.url) === 'top');
  }
}
