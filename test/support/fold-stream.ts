/**
 * A fixture stream folded as the panel folds it: its bytes through the stream parser in small
 * chunks (characters and JSON split across them, as networks do), each event into a `ResponseFolder`
 * that sees the request the client sent.
 */
import { type FoldedEvent, ResponseFolder } from '../../src/core/llm/fold';
import type { LlmResponse } from '../../src/core/llm/response';
import { StreamParser } from '../../src/core/stream-parser';
import type { LlmStream } from '../fixtures/llm-streams';

export function foldStream(
  stream: LlmStream,
  chunkBytes = 7,
): { response: LlmResponse | undefined; events: FoldedEvent[] } {
  const parser = new StreamParser(1, stream.format, 'http://127.0.0.1');
  const bytes = new TextEncoder().encode(stream.body);
  const events: FoldedEvent[] = [];
  const folder = new ResponseFolder(() => ({
    url: 'http://127.0.0.1/api',
    method: 'POST',
    body: stream.request === undefined ? undefined : JSON.stringify(stream.request),
    format: stream.format,
    headers: Object.entries(stream.headers ?? {}),
  }));
  let time = 1000;
  const take = (records: ReturnType<StreamParser['parse']>) => {
    for (const record of records) {
      if (record.kind !== 'event') continue;
      const event: FoldedEvent = { type: record.type, data: record.data, time: record.time };
      if (record.blockId !== undefined) event.blockId = record.blockId;
      events.push(event);
      folder.push(event);
    }
  };
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    time += 10;
    take(parser.parse(time, bytes.subarray(at, at + chunkBytes)));
  }
  take(parser.end(time));
  return { response: folder.response, events };
}
