import { expect, test } from '@playwright/test';
import { newConnectionView } from '../../src/core/store/views';
import { validateCaptureRecord } from '../../src/core/validate-record';
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
    { fault: 'hold-5s' },
    { fault: 'delay-500ms' },
    { fault: 'fail-next', disabled: 'fault_firefox_no_fail' },
    { fault: 'cut-next' },
    { fault: 'fail-204', disabled: 'fault_firefox_no_status' },
  ]);
  expect(faultControls(es, 'chrome', true)).toEqual([
    { fault: 'drop', disabled: 'fault_chrome_no_drop' },
    { fault: 'hold-5s', disabled: 'fault_chrome_no_pacing' },
    { fault: 'delay-500ms', disabled: 'fault_chrome_no_pacing' },
    { fault: 'fail-next' },
    { fault: 'fail-204' },
    { fault: 'fail-404' },
    { fault: 'fail-500' },
    { fault: 'wrong-type' },
  ]);
  expect(faultControls(es, 'firefox', false)[4]).toEqual({ fault: 'cut-next', disabled: 'fault_needs_network' });
  const fetch = newConnectionView({ ...base, kind: 'fetch' }, 1);
  expect(faultControls(fetch, 'chrome', true)[3]).toEqual({ fault: 'fail-next', disabled: 'fault_not_eventsource' });
  expect(faultControls(es, 'chrome', false)[4]).toEqual({ fault: 'fail-204', disabled: 'fault_needs_network' });
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
  expect(validateCaptureRecord({ seq: 1, kind: 'fault', time: 5, conn: 2, fault: 'explode' })).toBeNull();
  expect(validateCaptureRecord({ seq: 1, kind: 'fault', time: 5, conn: 0, fault: 'drop' })).toBeNull();
});
