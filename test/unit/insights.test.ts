/**
 * The health checks' machinery: gap statistics, the stall threshold as a store's setting, findings
 * as data, the timing figures, findings in the capture file (each rule: ./health-rules.test.ts).
 */
import { expect, test } from '@playwright/test';
import type { Finding } from '../../src/core/insights/finding';
import { GapStats } from '../../src/core/insights/gaps';
import { findingsOf } from '../../src/core/insights/rules';
import { timingOf } from '../../src/core/insights/timing';
import { CaptureStore } from '../../src/core/store/capture-store';
import { sourceOf, toCaptureFile } from '../../src/files/capture-file';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { findingSummary } from '../../src/ui/text/findings';
import { capture, context, event, type Input, open, reconnecting, URL_, withId } from '../support/health-capture';
import { speak } from '../support/messages';

speak();

test('gap statistics: quantiles within 5%, the largest gap, stalls over the threshold or far above the median', () => {
  const stats = new GapStats(() => 30_000);
  let time = 0;
  // 69 gaps of 10 ms, 30 of 100 ms, then one of 5 s.
  for (let i = 0; i < 100; i++) {
    time += i < 70 ? 10 : 100;
    stats.add(time, i);
  }
  time += 5000;
  stats.add(time, 1000);
  expect(stats.count).toBe(100);
  expect(Math.abs((stats.quantile(0.5) as number) - 10) / 10).toBeLessThan(0.06);
  expect(Math.abs((stats.quantile(0.95) as number) - 100) / 100).toBeLessThan(0.06);
  expect([stats.max, stats.maxEventId]).toEqual([5000, 1000]);
  expect(stats.stalls).toEqual([{ from: time - 5000, to: time, eventId: 1000 }]);
  const threshold = new GapStats(() => 1000);
  threshold.add(0, 1);
  threshold.add(1500, 2);
  expect(threshold.stallCount).toBe(1);
});

test('the stall threshold is the store’s setting, read as events arrive: another store keeps its own', () => {
  const strict = { stallMs: 1000 };
  const store = new CaptureStore(strict);
  const records = [open(0), event(10), event(1510)];
  const tight = capture(records, 'eventsource', store);
  const usual = capture(records);
  expect([tight.insights?.gaps.stallCount, usual.insights?.gaps.stallCount]).toEqual([1, 0]);
  // The user changes the setting: the next gap is read against it.
  const next = (time: number, seq: number) => store.addRecords('d', [{ ...event(time), conn: 1, seq } as never]);
  strict.stallMs = 5000;
  next(3010, 4);
  expect(tight.insights?.gaps.stallCount).toBe(1);
  strict.stallMs = 1000;
  next(4600, 5);
  expect(tight.insights?.gaps.stallCount).toBe(2);
});

test('a finding is data (its rule, severity, figures and evidence); the UI words it in its language', () => {
  const replayed = capture([open(0), withId(10, '1'), withId(20, '2'), reconnecting(30), open(100), withId(110, '1')]);
  const [finding] = findingsOf(replayed, context(200, [replayed]));
  expect(finding).toEqual({
    rule: 'resume-replayed',
    severity: 'warning',
    values: { before: '2', after: '1', times: 1 },
    evidence: { eventIds: [replayed.insights?.resumptions[0]?.eventId], count: 1 },
  });
  speak('ru');
  const russian = findingSummary(finding as Finding);
  speak('en');
  expect(findingSummary(finding as Finding)).toBe('Reconnected after id 2; the server went on with id 1.');
  expect(russian).toBe('Переподключение после id 2; сервер продолжил с id 1.');
});

test('timing: headers, first byte, first event and token, rates, gaps, the current silence, time spent reconnecting', () => {
  const c = capture(
    [
      {
        kind: 'response',
        time: 40,
        url: URL_,
        status: 200,
        statusText: 'OK',
        headers: [['content-type', 'text/event-stream']],
        format: 'sse',
      } as Input,
      { kind: 'lifecycle', time: 40, state: 'open' } as Input,
      { kind: 'chunk', time: 50, size: 30, text: 'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n' } as Input,
    ],
    'fetch',
  );
  const t = timingOf(c, c.insights, 1050);
  expect(t).toMatchObject({
    toHeaders: 40,
    toFirstByte: 50,
    toFirstEvent: 50,
    toFirstToken: 50,
    duration: 1050,
    reconnects: 0,
  });
  expect(t.longestSilence).toBe(1000);
  const es = capture([open(10), withId(20, '1'), reconnecting(30), open(530), withId(540, '2')]);
  expect(timingOf(es, es.insights, 1000)).toMatchObject({
    reconnects: 1,
    reconnectingMs: 500,
    toHeaders: 10,
    gapMax: 520,
  });
});

test('the capture file carries each connection’s findings, as of its last record; import and export again gives the same', () => {
  const store = new CaptureStore();
  store.addDocument({ docId: 'd', url: 'http://127.0.0.1:9/', top: true, activatedAt: 0, frameId: 0 });
  const records: Input[] = [
    { kind: 'connection', time: 0, type: 'eventsource', url: URL_, withCredentials: false } as Input,
    open(10),
    event(20),
    reconnecting(30),
    open(3030),
    event(3040),
  ];
  store.addRecords(
    'd',
    records.map((r, i) => ({ ...r, conn: 1, seq: i + 1 }) as never),
  );
  const file = JSON.parse(JSON.stringify(toCaptureFile(sourceOf(store, findingSummary), 'test', new Date(0))));
  expect(file.connections[0].findings).toEqual([
    {
      rule: 'not-resumable',
      severity: 'warning',
      summary: '1 reconnect, and none of its 2 events had an id.',
      evidence: { count: 0, events: [] },
    },
  ]);
  const again = toCaptureFile(
    sourceOf(storeFromImport(importCaptureFile(file).capture), findingSummary),
    'test',
    new Date(0),
  );
  expect(JSON.parse(JSON.stringify(again))).toEqual(file);
});
