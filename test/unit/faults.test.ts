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
    { fault: 'hold-5s' },
    { fault: 'delay-500ms' },
    { fault: 'inject' },
    { fault: 'cut-mid-line' },
    { fault: 'split-char' },
    { fault: 'fail-next', disabled: 'fault_firefox_no_fail' },
    { fault: 'cut-next' },
    { fault: 'fail-204', disabled: 'fault_firefox_no_status' },
  ]);
  expect(faultControls(es, 'chrome', true)).toEqual([
    { fault: 'drop', disabled: 'fault_chrome_no_drop' },
    { fault: 'hold-5s', disabled: 'fault_chrome_no_pacing' },
    { fault: 'delay-500ms', disabled: 'fault_chrome_no_pacing' },
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
