/**
 * The stand-in EventSource's reading of the event stream format, against the spec's rules: any
 * line ending (a CRLF split across writes included), fields, comments, `retry`, ids that outlive
 * an event and a response, and the incomplete event at the end dropped.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import { expect, test } from '@playwright/test';
import { EventStream, type StreamEvent } from '../../src/page/replay/event-stream';

function read(pieces: string[]): { events: StreamEvent[]; retries: number[]; stream: EventStream } {
  const events: StreamEvent[] = [];
  const retries: number[] = [];
  const stream = new EventStream({ event: (e) => events.push(e), retry: (ms) => retries.push(ms) });
  for (const piece of pieces) stream.push(piece);
  return { events, retries, stream };
}

test('fields, comments and the three line endings, however the text was cut', () => {
  const text = ': hi\r\nretry: 150\nid: 1\ndata: one\r\rdata\nevent: tick\ndata:a\ndata: b\r\n\r\ndata: x\n';
  const expected = [
    { type: 'message', data: 'one', lastEventId: '1' },
    { type: 'tick', data: '\na\nb', lastEventId: '1' },
  ];
  // Whole, and cut at every place (a CRLF cut between its CR and LF included).
  const wrong: string[] = [];
  for (let at = 0; at <= text.length; at++) {
    const { events, retries } = read([text.slice(0, at), text.slice(at)]);
    if (JSON.stringify(events) !== JSON.stringify(expected) || retries.join() !== '150') wrong.push(`cut at ${at}`);
  }
  expect(wrong).toEqual([]);
});

test('no data, no event; a NUL id or a retry of non-digits is ignored; the id outlives a reset', () => {
  const { events, retries, stream } = read(['event: x\n\nid: a\0b\nretry: 1s\ndata\n\nid: 7\ndata: cut']);
  expect(events).toEqual([{ type: 'message', data: '', lastEventId: '' }]);
  expect(retries).toEqual([]);
  // The response ended mid-event: dropped. The next response starts clean, the last id stays.
  stream.reset();
  stream.push('data: next\n\n');
  expect(events.at(-1)).toEqual({ type: 'message', data: 'next', lastEventId: '7' });
});
