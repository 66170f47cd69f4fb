/** Building blocks for capture-file connections in unit tests: a fixed clock, the usual frame, an event. */

export const T = Date.UTC(2025, 0, 2, 3, 4, 5);

/** What every connection of these tests shares: the top frame, no listeners, blocks or drops. */
export const BASE = {
  frame: { id: 0, url: 'http://a/' },
  withCredentials: false,
  listening: [],
  blocks: [],
  dropped: 0,
};

/** An event `at` ms after T. */
export const event = (at: number, type: string, data: string, lastEventId: string) => ({
  time: T + at,
  type,
  data,
  lastEventId,
  origin: 'http://a',
  size: data.length,
});
