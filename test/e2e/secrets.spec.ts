/**
 * Secrets are masked wherever they travel: a page's credentials (in a URL's query, in headers, in a
 * JSON body at any depth, in a form) reach the panel as ••••, and no export or copy carries one
 * unless the user asks, for that one export or copy; "Show secrets" fetches them from the page's
 * relay, for that connection only. The page behaves the same with the extension as without.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, test } from '../support/fixtures';
import { runFreshUntimed, runPage } from '../support/page-log';
import { eventCount, exported, openPanel, readConnections, tabIdOf } from '../support/panel';

/** Every secret the page sends (the fixture names them all SECRET-…). */
const SECRET = /SECRET-[A-Z]+-\d/g;
/** The chat request's secrets, in the order its cURL has them: the URL's key, three headers, two in the body. */
const CHAT_SECRETS = [
  'SECRET-QUERY-2',
  'SECRET-HEADER-1',
  'SECRET-HEADER-2',
  'SECRET-HEADER-3',
  'SECRET-BODY-1',
  'SECRET-BODY-2',
];
/** The secrets its requests carry (the server's event data, the stream being debugged, is shown as it came). */
const REQUEST_SECRET = /SECRET-(QUERY|HEADER|BODY|FORM)-\d/g;

/** Every string the panel holds of the capture (every record it was sent ends up in it), joined. */
const panelState = (panel: Page) =>
  panel.evaluate(() => {
    const seen = new WeakSet<object>();
    const strings: string[] = [];
    const stack: unknown[] = [
      (globalThis as unknown as { sseScope: { store: { capture: unknown } } }).sseScope.store.capture,
    ];
    while (stack.length > 0) {
      const value = stack.pop();
      if (typeof value === 'string') strings.push(value);
      else if (typeof value === 'object' && value !== null && !seen.has(value)) {
        seen.add(value);
        const items =
          value instanceof Map ? [...value.entries()].flat() : value instanceof Set ? [...value] : Object.values(value);
        stack.push(...items);
      }
    }
    return strings.join('\n');
  });

/** What the menu copies, as it hands it to the clipboard (headless Chromium refuses to read it back). */
async function recordClipboard(panel: Page): Promise<() => Promise<string | undefined>> {
  await panel.evaluate(() => {
    const copied: string[] = [];
    (window as unknown as { __copied: string[] }).__copied = copied;
    navigator.clipboard.writeText = async (text: string) => {
      copied.push(text);
    };
  });
  return () => panel.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1));
}

test('credentials reach the panel masked, and leave it only for the one shown', async ({
  extension,
  plain,
  server,
}) => {
  // The same page log and the same requests (secrets and all) at the server, without and with the extension.
  const without = await runFreshUntimed(plain, '/pages/secrets.html');
  expect(without.requests.map((r) => r.path)).toEqual([
    '/sse/secret-data?access_token=SECRET-QUERY-1&n=1',
    '/sse/fetch-llm?alt=sse&key=SECRET-QUERY-2',
    '/sse/fetch-llm',
  ]);
  expect(await runFreshUntimed(extension.context, '/pages/secrets.html')).toEqual(without);

  const { page } = await runPage(extension.context, `${server.origin}/pages/secrets.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  // The EventSource's two messages and `done`; each fetch's tokens.
  await expect.poll(() => eventCount(panel)).toBeGreaterThan(3);
  await expect.poll(async () => (await readConnections(panel)).length).toBe(3);
  // Nothing the panel was sent holds a request's secret.
  expect((await panelState(panel)).match(REQUEST_SECRET)).toBeNull();
  expect((await readConnections(panel)).map((c) => c.url)).toEqual([
    `${server.origin}/sse/secret-data?access_token=••••&n=1`,
    `${server.origin}/sse/fetch-llm?alt=sse&key=••••`,
    `${server.origin}/sse/fetch-llm`,
  ]);

  // The request as the panel shows it: masked values say so; the body keeps its shape.
  await panel.locator('.rows .row', { hasText: '-Sent' }).first().click();
  await panel.locator('.detail [data-tab="request"]').click();
  const request = panel.locator('[data-request]');
  await expect(request.locator('[data-field="request"]')).toHaveText(
    `POST ${server.origin}/sse/fetch-llm?alt=sse&key=••••`,
  );
  const headerRows = () =>
    request
      .locator('table.headers')
      .nth(2)
      .locator('tr')
      .evaluateAll((rows) => rows.map((row) => [row.children[0]?.textContent, row.children[1]?.textContent]));
  const masked = [
    ['Content-Type', 'application/json'],
    ['Authorization', 'Bearer ••••'],
    ['X-Auth-Key', '••••'],
    ['Ocp-Apim-Subscription-Key', '••••'],
    ['X-Trace', 'trace-1'],
  ];
  expect(await headerRows()).toEqual(masked);
  await expect(request.locator('[data-masked]')).toHaveCount(3);
  const body = JSON.parse((await request.locator('[data-field="body"]').textContent()) ?? '');
  expect(body.auth).toBe('••••');
  expect(body.user).toEqual({ openai_api_key: '••••', name: 'alice' });
  expect(body.max_tokens).toBe(5);

  // Show secrets: this connection's, from the page's relay; hide them again.
  await request.locator('[data-action="show-secrets"]').click();
  await expect(request.locator('[data-field="request"]')).toHaveText(
    `POST ${server.origin}/sse/fetch-llm?alt=sse&key=SECRET-QUERY-2`,
  );
  expect(await headerRows()).toContainEqual(['Authorization', 'Bearer SECRET-HEADER-1']);
  expect(JSON.parse((await request.locator('[data-field="body"]').textContent()) ?? '').auth).toEqual({
    refresh_token: 'SECRET-BODY-1',
  });
  // Only that connection: the list and the store stay masked.
  expect((await readConnections(panel))[1]?.url).toBe(`${server.origin}/sse/fetch-llm?alt=sse&key=••••`);
  expect((await panelState(panel)).match(REQUEST_SECRET)).toBeNull();
  await request.locator('[data-action="hide-secrets"]').click();
  expect(await headerRows()).toEqual(masked);

  // Copies: masked by default, whole when asked for.
  const clipboard = await recordClipboard(panel);
  const row = panel.locator('tr[data-connection="2"]');
  await row.click({ button: 'right' });
  await panel.locator('[data-menu-item="copy-curl"]').click();
  await expect.poll(clipboard).toContain(`curl '${server.origin}/sse/fetch-llm?alt=sse&key=••••'`);
  expect((await clipboard())?.match(SECRET)).toBeNull();
  expect(await clipboard()).toContain(
    '# Left out, masked by SSE Scope: Authorization, X-Auth-Key, Ocp-Apim-Subscription-Key',
  );
  await row.click({ button: 'right' });
  await panel.locator('[data-menu-item="copy-curl-secrets"]').click();
  await expect.poll(clipboard).toContain("-H 'Authorization: Bearer SECRET-HEADER-1'");
  expect((await clipboard())?.match(SECRET)).toEqual(CHAT_SECRETS);

  // Exports: none of the secrets in any format, event data included…
  for (const button of ['[data-export="json"]', '[data-export="ndjson"]', '[data-export="har"]']) {
    const file = await exported(panel, button);
    expect(file.text.match(SECRET), button).toBeNull();
  }
  const file = JSON.parse((await exported(panel, '[data-export="json"]')).text);
  expect(file.secrets).toBe('masked');
  expect(file.connections[0].events.map((e: { data: string }) => e.data)).toEqual([
    '{"type":"session","access_token":"••••","user":"alice"}',
    '{"type":"note","text":"nothing secret here"}',
    'done',
  ]);
  expect(file.connections[2].request.body).toBe(
    'grant_type=refresh_token&refresh_token=••••&client_secret=••••&scope=chat',
  );
  // …unless the user includes them, for that one export: the next is masked again.
  await panel.locator('[data-action="export"]').click();
  await panel.locator('[data-option="include-secrets"]').check();
  const whole = await exported(panel, '[data-export="json"]');
  expect(JSON.parse(whole.text).secrets).toBe('included');
  expect(new Set(whole.text.match(SECRET))).toEqual(
    new Set(['SECRET-QUERY-1', ...CHAT_SECRETS, 'SECRET-FORM-1', 'SECRET-FORM-2', 'SECRET-EVENT-1']),
  );
  await panel.locator('[data-action="export"]').click();
  await expect(panel.locator('[data-option="include-secrets"]')).not.toBeChecked();
  expect((await exported(panel, '[data-export="json"]')).text.match(SECRET)).toBeNull();

  // The popup's export is masked too.
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${await tabIdOf(extension, page)}`);
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('[data-export="json"]').click()]);
  expect((await readFile(await download.path(), 'utf8')).match(SECRET)).toBeNull();

  // An imported file keeps no secrets: the panel says so.
  await panel.locator('[data-action="import"]').setInputFiles((await exported(panel, '[data-export="json"]')).path);
  await expect(panel.locator('[data-imported]')).toBeVisible();
  await panel.locator('.rows .row', { hasText: '-Sent' }).first().click();
  await panel.locator('.detail [data-tab="request"]').click();
  await panel.locator('[data-request] [data-action="show-secrets"]').click();
  await expect(panel.locator('[data-secrets-not-kept]')).toHaveText(
    'The secrets are no longer kept: the page that made this request is gone, or this is an imported file.',
  );
});
