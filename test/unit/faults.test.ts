import { expect, test } from '@playwright/test';
import { newConnectionView } from '../../src/core/store/views';
import { validateCaptureRecord } from '../../src/core/validate-record';
import { validatePanelToBackground } from '../../src/messages/guards';
import { message, type PanelToBackground } from '../../src/messages/messages';
import { faultControls } from '../../src/ui/faults';

const base = {
  key: 'd/1',
  docId: 'd',
  frameId: 0,
  frameUrl: 'http://a/',
  url: 'http://a/sse',
  withCredentials: false,
  gone: false,
};
const es = newConnectionView({ ...base, kind: 'eventsource' }, 1);

test('fault controls: what each browser can do, and why not where it cannot', () => {
  expect(faultControls(es, 'firefox', true)).toEqual([
    { fault: 'drop' },
    { fault: 'hold' },
    { fault: 'delay' },
    { fault: 'inject' },
    { fault: 'cut-mid-line' },
    { fault: 'split-char' },
    { fault: 'fail-next', disabled: 'fault_firefox_no_fail' },
    { fault: 'cut-next' },
    { fault: 'fail-204', disabled: 'fault_firefox_no_status' },
  ]);
  expect(faultControls(es, 'chrome', true)).toEqual([
    { fault: 'drop', disabled: 'fault_chrome_no_drop' },
    { fault: 'hold', disabled: 'fault_chrome_no_pacing' },
    { fault: 'delay', disabled: 'fault_chrome_no_pacing' },
    { fault: 'inject', disabled: 'fault_chrome_no_rewrite' },
    { fault: 'cut-mid-line', disabled: 'fault_chrome_no_rewrite' },
    { fault: 'split-char', disabled: 'fault_chrome_no_rewrite' },
    { fault: 'fail-next' },
    { fault: 'fail-204' },
    { fault: 'fail-404' },
    { fault: 'fail-500' },
    { fault: 'wrong-type' },
  ]);
  expect(faultControls(es, 'firefox', false)[7]).toEqual({ fault: 'cut-next', disabled: 'fault_needs_network' });
  const fetch = newConnectionView({ ...base, kind: 'fetch' }, 1);
  expect(faultControls(fetch, 'chrome', true)[6]).toEqual({ fault: 'fail-next', disabled: 'fault_not_eventsource' });
  expect(faultControls(es, 'chrome', false)[7]).toEqual({ fault: 'fail-204', disabled: 'fault_needs_network' });
});

test('a fault record passes only with a known fault and a connection', () => {
  expect(validateCaptureRecord({ seq: 1, kind: 'fault', time: 5, conn: 2, fault: 'drop' })).toEqual({
    seq: 1,
    kind: 'fault',
    time: 5,
    conn: 2,
    fault: 'drop',
  });
  expect(validateCaptureRecord({ seq: 1, kind: 'fault', time: 5, conn: 2, fault: 'fail-404' })).toMatchObject({
    fault: 'fail-404',
  });
  for (const fault of ['inject', 'cut-mid-line', 'split-char'])
    expect(validateCaptureRecord({ seq: 1, kind: 'fault', time: 5, conn: 2, fault })).toMatchObject({ fault });
  expect(validateCaptureRecord({ seq: 1, kind: 'fault', time: 5, conn: 2, fault: 'explode' })).toBeNull();
  expect(validateCaptureRecord({ seq: 1, kind: 'fault', time: 5, conn: 0, fault: 'drop' })).toBeNull();
});

test('an inject request passes only with its event, one-line type and data within 64 KiB', () => {
  const ask = (extra: object) =>
    validatePanelToBackground(
      message<PanelToBackground>({
        type: 'fault',
        docId: 'd',
        conn: 1,
        url: 'http://a/sse',
        fault: 'inject',
        ...extra,
      }),
    );
  expect(ask({ inject: { type: 'note', data: 'a\nb', extra: 1 } })).toEqual({
    type: 'fault',
    docId: 'd',
    conn: 1,
    url: 'http://a/sse',
    fault: 'inject',
    inject: { type: 'note', data: 'a\nb' },
  });
  expect(ask({})).toBeNull();
  expect(ask({ inject: { type: 'a\r', data: '' } })).toBeNull();
  expect(ask({ inject: { type: '', data: '世'.repeat(22_000) } })).toBeNull();
  expect(ask({ inject: { type: '', data: 7 } })).toBeNull();
  // Other faults carry no event, even when one is sent along.
  expect(
    validatePanelToBackground(
      message<PanelToBackground>({
        type: 'fault',
        docId: 'd',
        conn: 1,
        url: 'u',
        fault: 'drop',
        inject: { type: '', data: 'x' },
      }),
    ),
  ).toEqual({ type: 'fault', docId: 'd', conn: 1, url: 'u', fault: 'drop' });
});

test('a hold or a delay carries the length the user chose, within bounds; older files read as 5 s and 500 ms', () => {
  const ask = (fault: string, ms?: number) =>
    validatePanelToBackground(
      message<PanelToBackground>({ type: 'fault', docId: 'd', conn: 1, url: 'u', fault: fault as 'hold', ms }),
    );
  expect(ask('hold', 3000)).toEqual({ type: 'fault', docId: 'd', conn: 1, url: 'u', fault: 'hold', ms: 3000 });
  expect(ask('delay', 10)).toMatchObject({ fault: 'delay', ms: 10 });
  const refused = [ask('hold'), ask('hold', 60_001), ask('delay', 9), ask('delay', 1.5), ask('drop', 100)];
  expect(refused).toEqual([null, null, null, null, null]);
  const record = (fields: object) => validateCaptureRecord({ seq: 1, kind: 'fault', time: 5, conn: 2, ...fields });
  expect(record({ fault: 'hold-5s' })).toEqual({ seq: 1, kind: 'fault', time: 5, conn: 2, fault: 'hold', ms: 5000 });
  expect(record({ fault: 'delay-500ms' })).toMatchObject({ fault: 'delay', ms: 500 });
  expect(record({ fault: 'delay', ms: 250 })).toMatchObject({ fault: 'delay', ms: 250 });
  expect(record({ fault: 'delay' })).toBeNull();
});

test('a connection a replay rule answers takes every fault in both browsers, network capture or not', () => {
  const replay = { rule: 'r', name: 'r', pace: 'x1' as const };
  const replayed = { ...es, replay };
  for (const browser of ['chrome', 'firefox'] as const)
    expect(faultControls(replayed, browser, false)).toEqual(
      [
        'drop',
        'hold',
        'delay',
        'inject',
        'cut-mid-line',
        'split-char',
        'fail-next',
        'cut-next',
        'fail-204',
        'fail-404',
        'fail-500',
        'wrong-type',
      ].map((fault) => ({ fault })),
    );
  // A stream read with fetch does not reconnect: no reconnect faults.
  const fetched = { ...newConnectionView({ ...base, kind: 'fetch' }, 1), replay };
  expect(faultControls(fetched, 'chrome', false).map((c) => c.fault)).toEqual([
    'drop',
    'hold',
    'delay',
    'inject',
    'cut-mid-line',
    'split-char',
  ]);
});

test('a replay Firefox plays into the browser’s own EventSource takes no fault, and says why', () => {
  const native = { ...es, replay: { rule: 'r', name: 'r', pace: 'x1' as const, native: true as const } };
  const controls = faultControls(native, 'firefox', true);
  expect(controls.length).toBeGreaterThan(0);
  expect(controls.every((c) => c.disabled === 'fault_native_replay')).toBe(true);
});
