/**
 * The AWS event stream in Chromium with the extension: a page fetches a Bedrock ConverseStream
 * answer (binary AWS messages in 37-byte chunks, test/fixtures/aws-eventstream.ts) and reads the
 * same bytes with and without SSE Scope; the table shows one event per AWS message, the detail its
 * headers, and the Response view the answer, reasoning, tool call, stop reason, usage and latency;
 * a stream cut by an exception shows the error.
 */
import { converseStream } from '../fixtures/aws-eventstream';
import { expect, test } from '../support/fixtures';
import { runFresh } from '../support/page-log';
import { openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';

async function readBoth(
  plain: Parameters<typeof runFresh>[0],
  extension: Parameters<typeof runFresh>[0],
  path: string,
  inspect: Parameters<typeof runFresh>[2],
) {
  const strip = ({ log, requests }: Awaited<ReturnType<typeof runFresh>>) => ({
    log,
    requests: requests.map(({ method, path, accept, body }) => ({ method, path, accept, body })),
  });
  return {
    without: strip(await runFresh(plain, path)),
    withExtension: strip(await runFresh(extension, path, inspect)),
  };
}

test('a Bedrock AWS event stream is read the same, one event per AWS message', async ({ plain, extension }) => {
  const { without, withExtension } = await readBoth(plain, extension.context, '/pages/bedrock.html', async (page) => {
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(async () => (await readEvents(panel)).length).toBe(14);
    const [connection] = await readConnections(panel);
    expect(connection?.kind).toBe('fetch POST');
    await expect(panel.locator('tr[data-connection="1"] [data-protocol]')).toHaveAttribute(
      'data-protocol',
      'bedrock-converse',
    );
    const events = await readEvents(panel);
    expect(events.map((e) => e.type)).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'contentBlockStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    // The table previews each delta; the payload itself is the event's data.
    expect(events.slice(5, 7).map((e) => e.preview)).toEqual(['Let me check ', 'the weather in Paris.']);
    expect(JSON.parse(events[5]?.data ?? '')).toEqual({
      contentBlockIndex: 1,
      delta: { text: 'Let me check ' },
      p: 'abcdef',
    });
    // The detail's raw block: the AWS message's headers, then its payload.
    await panel.locator('.rows .row').nth(5).click();
    await panel.locator('.detail [data-tab="raw"]').click();
    await expect(panel.locator('.detail pre.raw')).toHaveText(
      ':event-type: contentBlockDelta\n:content-type: application/json\n:message-type: event\n\n{"contentBlockIndex":1,"delta":{"text":"Let me check "},"p":"abcdef"}',
    );
    // The Chunks tab: the bytes in hex (the first AWS message's prelude: its length, then its headers' length).
    await panel.locator('.detail [data-tab="stream"]').click();
    const first = converseStream()[0] as Uint8Array;
    const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
    // (How many bytes the first read held is the browser's to say.)
    await expect(panel.locator('.detail [data-chunk="0"] code')).toHaveText(
      new RegExp(`^⟨${hexOf(first.subarray(0, 12))} ${hexOf(first.subarray(12, 16))}`),
    );
    await panel.locator('.detail [data-tab="request"]').click();
    await expect(panel.locator('.detail [data-request]')).toContainText(
      'AWS event stream (binary messages checked by CRC32)',
    );
    await panel.locator('.detail [data-tab="response"]').click();
    const view = panel.locator('.detail .response');
    await expect(view.locator('[data-answer]')).toHaveText('Let me check the weather in Paris.');
    await expect(view.locator('[data-reasoning-text]')).toHaveText('The user wants the weather.');
    await expect(view.locator('[data-tool-name]')).toHaveText('get_weather');
    await expect(view.locator('[data-tool-args]')).toHaveText('{\n  "city": "Paris"\n}');
    await expect(view.locator('[data-response-finish]')).toHaveText('tool_use');
    await expect(view.locator('[data-response-state]')).toHaveText('complete');
    await expect(view.locator('[data-fact="usage"]')).toHaveText('412 in · 57 out · 128 cached · 469 total');
    await expect(view.locator('[data-fact="provider-latency"]')).toHaveText('1.2 s');
    await expect(view.locator('[data-response-used]')).toHaveText('Used 14 of 14 events.');
    await panel.close();
  });
  const total = converseStream().reduce((n, part) => n + part.length, 0);
  expect(without.log).toMatchObject({ status: 200, type: 'application/vnd.amazon.eventstream', size: total });
  expect((without.log as { lengths: number[] }).lengths).toEqual(converseStream().map((part) => part.length));
  expect(withExtension).toEqual(without);
});

test('an exception in a Bedrock stream shows as the answer’s error', async ({ plain, extension }) => {
  const { without, withExtension } = await readBoth(
    plain,
    extension.context,
    '/pages/bedrock.html?exception',
    async (page) => {
      const panel = await openPanel(extension, await tabIdOf(extension, page));
      await expect.poll(async () => (await readEvents(panel)).length).toBe(3);
      expect((await readEvents(panel)).map((e) => e.type)).toEqual([
        'messageStart',
        'contentBlockDelta',
        'throttlingException',
      ]);
      await panel.locator('.rows .row').first().click();
      await panel.locator('.detail [data-tab="response"]').click();
      const view = panel.locator('.detail .response');
      await expect(view.locator('[data-answer]')).toHaveText('Bonj');
      await expect(view.locator('[data-response-error="0"]')).toHaveText(
        'The stream reported an error (throttlingException): Too many requests, please wait before trying again. The answer was cut short.',
      );
      await expect(view.locator('[data-response-state]')).toHaveText('cut short by an error');
      await panel.close();
    },
  );
  expect(withExtension).toEqual(without);
});
