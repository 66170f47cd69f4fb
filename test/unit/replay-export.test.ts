/** A replayed connection says so in every export that describes connections, and reads back as replayed. */
import { expect, test } from '@playwright/test';
import { CaptureStore } from '../../src/core/store/capture-store';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { toNdjson } from '../../src/files/formats';
import { connectionRecord, eventRecord, numbered } from '../support/records';
import { exported, top } from '../support/rich-capture';

function replayedStore(): CaptureStore {
  const store = new CaptureStore();
  store.addDocument(top);
  store.addRecords(
    'top',
    numbered([
      connectionRecord(1, 10),
      { kind: 'replay', time: 10, conn: 1, rule: 'r1', name: 'chat replay', pace: 'x10' },
      eventRecord(1, 'from the rule', 20),
      connectionRecord(2, 30),
      eventRecord(2, 'from the server', 40),
    ]),
  );
  return store;
}

test('the capture file and NDJSON mark what a replay rule answered, and the mark reads back', () => {
  const file = exported(replayedStore());
  expect(file.connections.map((c) => c.replay)).toEqual([{ rule: 'r1', name: 'chat replay', pace: 'x10' }, undefined]);
  const lines = toNdjson(file)
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines.map((l) => [l.data, l.replayedBy])).toEqual([
    ['from the rule', 'chat replay'],
    ['from the server', undefined],
  ]);
  const { capture, skipped } = importCaptureFile(JSON.parse(JSON.stringify(file)));
  expect(skipped).toBe(0);
  expect(exported(storeFromImport(capture))).toEqual(file);
});
