import { expect, test } from '@playwright/test';
import { AwsEventStreamParser } from '../../src/core/aws-eventstream-parser';
import { CaptureStore } from '../../src/core/store/capture-store';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { toHar, toSse } from '../../src/files/formats';
import { harToCaptureFile } from '../../src/files/har-import';
import { converseStream, joinBytes } from '../fixtures/aws-eventstream';
import { harErrors } from '../support/har-schema';
import { lifecycleRecord, numbered } from '../support/records';
import { exported, top } from '../support/rich-capture';

/** A fetch of a Bedrock answer, its bytes in 50-byte chunks as the relay keeps them. */
function bedrockStore(): CaptureStore {
  const bytes = joinBytes(converseStream());
  const parser = new AwsEventStreamParser(1, 'http://a');
  const chunks = [];
  for (let at = 0; at < bytes.length; at += 50)
    chunks.push(...parser.push(2010 + at / 50, bytes.subarray(at, at + 50)).filter((r) => r.kind === 'chunk'));
  const store = new CaptureStore();
  store.addDocument(top);
  store.addRecords(
    'top',
    numbered([
      {
        kind: 'connection',
        time: 2000,
        conn: 1,
        type: 'fetch',
        url: 'http://a/model/m/converse-stream',
        withCredentials: false,
        method: 'POST',
      },
      {
        kind: 'response',
        time: 2005,
        conn: 1,
        url: 'http://a/model/m/converse-stream',
        status: 200,
        statusText: 'OK',
        headers: [['content-type', 'application/vnd.amazon.eventstream']],
        format: 'aws-eventstream',
      },
      lifecycleRecord(1, 'open', 2005),
      ...chunks,
      { kind: 'lifecycle', time: 3000, conn: 1, state: 'closed', reason: 'complete' },
    ]),
  );
  return store;
}

test('capture JSON: an AWS event stream is kept as its bytes and read again the same', () => {
  const file = exported(bedrockStore());
  const [connection] = file.connections;
  expect(connection?.response?.format).toBe('aws-eventstream');
  expect(connection?.events).toHaveLength(14);
  expect(toSse(connection as NonNullable<typeof connection>)).toEqual(joinBytes(converseStream()));
  const { capture, skipped } = importCaptureFile(JSON.parse(JSON.stringify(file)));
  expect(skipped).toBe(0);
  expect(exported(storeFromImport(capture))).toEqual(file);
});

test('HAR: an AWS event stream goes as base64 bytes of its own type, and imports as the same events', () => {
  const file = exported(bedrockStore());
  const har = toHar(file, '1') as { log: { entries: { response: { content: Record<string, unknown> } }[] } };
  expect(harErrors(har)).toEqual([]);
  const content = har.log.entries[0]?.response.content;
  expect(content).toMatchObject({ mimeType: 'application/vnd.amazon.eventstream', encoding: 'base64' });
  expect(content?.size).toBe(joinBytes(converseStream()).length);
  // Without the `_eventSourceMessages` the importer reads the body itself.
  const entry = har.log.entries[0] as Record<string, unknown>;
  delete entry._eventSourceMessages;
  const back = harToCaptureFile(har).connections[0];
  expect(back?.events.map((e) => [e.type, e.data])).toEqual(file.connections[0]?.events.map((e) => [e.type, e.data]));
});
