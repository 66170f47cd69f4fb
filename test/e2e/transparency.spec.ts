import { expect, test } from '../support/fixtures';
import { type Run, runIsolated, waitUntilDone, withFreshServer } from '../support/page-log';

const PAGES = [
  'messages',
  'named',
  'multiline',
  'comments',
  'resume',
  'retry',
  'status',
  'close',
  'onmessage',
  'frames',
  'many',
  'patched',
  'large',
  'spec',
  // Streams in a dedicated, a shared and a service worker, which the page hook tells of.
  'workers',
];

/** A few anchors in spec.html's log, so that its comparison cannot pass on logs that say nothing. */
function expectSpecAnchors(run: Run): void {
  const interfaces = run.log.interface as { what: string; properties?: unknown[]; names?: string[] }[];
  expect(interfaces.map((i) => i.what)).toContain('EventSource.prototype');
  expect(interfaces.length).toBe(15);
  expect(interfaces.at(-1)?.names?.length).toBeGreaterThan(500);
  const dispatch = run.log.dispatch as { what: string; message?: unknown[] | null; readyState: number }[];
  const first = dispatch.filter((d) => d.message?.[0] === 'first').map((d) => d.what);
  expect(first).toEqual(['A', 'onmessage, set again', 'B', 'until aborted', 'once']);
  expect(dispatch.find((d) => d.what === 'onerror')?.readyState).toBe(0);
  expect(dispatch.map((d) => d.what)).not.toContain('halt second (never)');
  expect(dispatch.at(-2)).toEqual({ conn: 'dispatch', what: 'closed', readyState: 2 });
  expect(run.requests.map((r) => r.lastEventId)).toEqual([undefined, 'three']);
}

for (const name of PAGES) {
  test(`${name}: the same page log and server requests with and without the extension`, async ({
    plain,
    extension,
  }) => {
    const without = await runIsolated(plain, `/pages/${name}.html`);
    const withExtension = await runIsolated(extension.context, `/pages/${name}.html`);
    expect(without.log).not.toEqual({});
    expect(withExtension.log).toEqual(without.log);
    expect(withExtension.requests).toEqual(without.requests);
    expect(withExtension.windowMessages).toBe(0);
    expect(without.windowMessages).toBe(0);
    if (name === 'spec') expectSpecAnchors(without);
  });
}

test('EventSource, fetch, Response, XHR and our wrapped functions look native', async ({ plain, extension }) => {
  const report = (owner: typeof plain | typeof extension.context) =>
    withFreshServer(async (server) => {
      const page = await owner.newPage();
      try {
        await page.goto(`${server.origin}/pages/identity.html`);
        await waitUntilDone(page);
        const text = JSON.stringify(await page.evaluate(() => (window as { __report?: unknown }).__report));
        return JSON.parse(text.replaceAll(server.origin, 'ORIGIN'));
      } finally {
        await page.close();
      }
    });
  const without = await report(plain);
  const withExtension = await report(extension.context);
  // A few anchors, so that the comparison cannot pass on two empty reports.
  expect(without).toEqual(
    expect.objectContaining({
      name: 'EventSource',
      length: 1,
      string: 'function EventSource() { [native code] }',
      constants: [0, 1, 2, 2],
      windowMessages: 0,
      instance: expect.objectContaining({ instanceOf: true, constructor: true, ownKeys: [] }),
    }),
  );
  expect(without.invalidUrl.stack).toContain('identity.html');
  expect(without.fetch.fn).toBe('function fetch() { [native code] }/fetch/1');
  expect(without.bodyGetter).toBe('function get body() { [native code] }/get body/0');
  expect(without.fetchBadUrl).toEqual(
    expect.objectContaining({ name: 'TypeError', stack: expect.stringContaining('identity.html') }),
  );
  expect(without.streamResponse).toEqual({
    ownKeys: 0,
    bodyTag: '[object ReadableStream]',
    bodyProto: true,
    bodyKeys: 0,
    locked: false,
    used: false,
  });
  expect(without.afterCancel).toEqual({ used: true, locked: true });
  // The one known difference: Function.prototype.toString called on a non-function throws from
  // inside our toString wrapper; its stack is retaken from the caller, which drops V8's frame
  // for the builtin itself. Every other frame, and everything else, is identical.
  const builtinFrame = '\n    at Object.toString (<anonymous>)';
  expect(without.toStringOfObject.stack).toContain(builtinFrame);
  expect(withExtension.toStringOfObject.stack).toBe(without.toStringOfObject.stack.replace(builtinFrame, ''));
  withExtension.toStringOfObject.stack = without.toStringOfObject.stack;
  expect(withExtension).toEqual(without);
});

test('a page spying on hasInstance, stack traces and traps sees no call of ours', async ({ plain, extension }) => {
  const without = await runIsolated(plain, '/pages/traces.html');
  const withExtension = await runIsolated(extension.context, '/pages/traces.html');
  // Anchors, so that the comparison cannot pass on logs that say nothing: every stream read, every
  // error logged, and of all the spies only the page's own prepareStackTrace ever called.
  expect(without.log.streams).toHaveLength(14);
  expect(without.log['errors 1']).toHaveLength(29);
  expect(without.log['errors 2']).toHaveLength(27);
  expect(without.log.spies).toEqual([{ conn: 'spies', counts: { prepareStackTrace: 17 } }]);
  // No spy saw a call of ours, and the page's prepareStackTrace saw the same errors.
  expect(withExtension.log.spies).toEqual(without.log.spies);
  expect(withExtension.log.prepareStackTrace).toEqual(without.log.prepareStackTrace);
  expect(
    (without.log['errors 1'] as { stack?: string }[]).filter((e) => e.stack?.includes('traces.html:')),
  ).toHaveLength(17);
  // The one known difference: while the page has a prepareStackTrace, an error a native made inside
  // one of our traps and rejected with keeps our trap's frame (reading its stack to write the
  // page's call sites would call the page's prepareStackTrace). One call site, in exactly these errors.
  const ours = /\n {4}at Object\.apply \(chrome-extension:\/\/[a-p]{32}\/page\.js:\d+:\d+\)/;
  const phase2 = withExtension.log['errors 2'] as { label: string; stack?: string }[];
  expect(phase2.filter((e) => ours.test(e.stack ?? '')).map((e) => e.label)).toEqual([
    'bad URL',
    'bad method',
    'bad header',
    'refused',
    'wrong this',
    'text() twice',
    'register bad URL',
  ]);
  // And a Proxy cannot hide this: another frame's toString prints our wrappers without their name.
  const native = ['fetch', 'EventSource', 'text'].map((name) => `function ${name}() { [native code] }`);
  expect(without.log['another frame']).toEqual([{ conn: 'another frame', printed: native }]);
  const nameless = native.map(() => 'function () { [native code] }');
  expect(withExtension.log['another frame']).toEqual([{ conn: 'another frame', printed: nameless }]);
  withExtension.log['another frame'] = without.log['another frame'] as unknown[];
  withExtension.log['errors 2'] = phase2.map((e) => (e.stack ? { ...e, stack: e.stack.replace(ours, '') } : e));
  expect(withExtension.log).toEqual(without.log);
  expect(withExtension.requests).toEqual(without.requests);
});
