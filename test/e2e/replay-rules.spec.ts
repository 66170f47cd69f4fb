/**
 * Replay rules in the panel and the popup: made from a captured or imported connection, kept by
 * the worker per tab (session storage), edited, switched off, deleted, refused when malformed, said
 * plainly while on, and a replayed connection marked in its row, its lane, its detail and exports.
 * Playing a rule into the page is the page hook's, tested with it.
 */
import { writeFile } from 'node:fs/promises';
import type { ReplayRule } from '../../src/core/replay-rule';
import type { CaptureFile } from '../../src/files/capture-file';
import { feedPanel } from '../support/feed-panel';
import { expect, test } from '../support/fixtures';
import { exported, openPanel, tabIdOf } from '../support/panel';
import { badgeText, replayFromRow, stepsSeen, storedRules, unwatchSteps, watchSteps } from '../support/replay-rules';

const rulesShown = '[data-replay-rules] li[data-rule]';

test('a connection’s “Replay this stream…” makes a rule the worker keeps', async ({ extension, server }) => {
  const { page, panel } = await feedPanel(extension, server.origin);
  const tabId = await tabIdOf(extension, page);
  await expect(panel.locator('[data-action="replay-rules"]')).toHaveText('▶ Replay rules (0)');
  // The 404 recorded nothing: no rule, and the item says why.
  await panel.locator('tr[data-connection="3"]').click({ button: 'right' });
  await expect(panel.locator('[data-menu-item="replay"]')).toBeDisabled();
  await expect(panel.locator('[data-menu-item="replay"]')).toHaveAttribute(
    'title',
    'Nothing to replay: no response body was recorded',
  );
  await panel.keyboard.press('Escape');

  await replayFromRow(panel, 1);
  const row = panel.locator(rulesShown);
  await expect(row.locator('[data-field="match"]')).toHaveValue(`${server.origin}/sse/feed`);
  await expect(row.locator('[data-matches]')).toHaveText("This tab's connections it matches: 1 of 3");
  await expect.poll(() => storedRules(extension, tabId)).toHaveLength(1);
  const [rule] = (await storedRules(extension, tabId)) as ReplayRule[];
  expect(rule).toMatchObject({ on: true, pace: 'x1', match: `${server.origin}/sse/feed` });
  const played = rule?.responses.flatMap((r) => r.chunks.map((c) => c.text)).join('');
  for (const data of ['tick', 'alert']) expect(played).toContain(data);

  await expect.poll(() => badgeText(extension, tabId)).toMatch(/^▶/);
  await expect(panel.locator('[data-action="replay-rules"]')).toHaveText('▶ Replay rules (1)');
  await expect(panel.locator('.banner[data-replaying]')).toHaveText(
    'Replay rules answer instead of the servers in this tab: 1 on Show rules',
  );

  // A live check as the pattern is typed: a star for any stream of the origin matches two.
  await row.locator('[data-field="match"]').fill(`${server.origin}/sse/*`);
  await expect(row.locator('[data-matches]')).toHaveAttribute('data-matches', '3');

  // The popup: this tab says it replays; from another tab's popup, this tab in the list says so too.
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('p[data-replaying]')).toHaveText(
    'Replaying in this tab — replay rules on: 1. They answer instead of the servers.',
  );
  const other = await extension.context.newPage();
  await other.goto(`${server.origin}/pages/index.html`);
  const otherId = await tabIdOf(extension, other);
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${otherId}`);
  await expect(popup.locator(`.tabs li[data-tab="${tabId}"] [data-tab-replaying]`)).toHaveText(
    '▶ replaying (rules on: 1)',
  );
  await expect(popup.locator('p[data-replaying]')).toHaveCount(0);
});

test('a rule edited (a chunk, the status), switched off, then deleted', async ({ extension, server }) => {
  const { page, panel } = await feedPanel(extension, server.origin);
  const tabId = await tabIdOf(extension, page);
  await replayFromRow(panel, 1);
  await expect.poll(() => storedRules(extension, tabId)).toHaveLength(1);
  const [before] = (await storedRules(extension, tabId)) as ReplayRule[];
  const chunks = before?.responses[0]?.chunks ?? [];
  expect(chunks.length).toBeGreaterThan(2);

  await panel.locator('[data-action="rule-edit"]').click();
  const response = panel.locator('[data-rule-editor] fieldset[data-response="0"]');
  await response.locator('[data-field="status"]').fill('201');
  await response.locator('li[data-chunk="0"] textarea').fill('data: <b>edited</b>\n\n');
  await response.locator('li[data-chunk="1"] [data-action="chunk-delete"]').click();
  await response.locator('li[data-chunk="0"] [data-action="chunk-insert"]').click();
  await response.locator('li[data-chunk="1"] textarea').fill('data: inserted\n\n');
  await panel.locator('[data-action="rule-save"]').click();
  await expect(panel.locator('[data-rule-editor]')).toHaveCount(0);
  await expect
    .poll(async () => (await storedRules(extension, tabId))?.[0]?.responses[0])
    .toMatchObject({
      status: 201,
      chunks: [
        { at: chunks[0]?.at, text: 'data: <b>edited</b>\n\n' },
        { at: chunks[0]?.at, text: 'data: inserted\n\n' },
        ...chunks.slice(2),
      ],
    });

  // Page data is text in the editor, never markup.
  await panel.locator('[data-action="rule-edit"]').click();
  await expect(panel.locator('[data-rule-editor] b')).toHaveCount(0);
  await panel.locator('[data-action="rule-cancel"]').click();

  await panel.locator('[data-action="rule-on"]').uncheck();
  await expect.poll(async () => (await storedRules(extension, tabId))?.[0]?.on).toBe(false);
  await expect.poll(() => badgeText(extension, tabId)).not.toMatch(/^▶/);
  await expect(panel.locator('.banner[data-replaying]')).toHaveCount(0);

  await panel.locator('[data-action="rule-delete"]').click();
  await expect.poll(() => storedRules(extension, tabId)).toBeUndefined();
  await expect(panel.locator('[data-replay-none]')).toBeVisible();
});

test('the player’s controls reach the tab: pause, resume, and the next chunk by hand', async ({
  extension,
  server,
}) => {
  const { page, panel } = await feedPanel(extension, server.origin);
  const tabId = await tabIdOf(extension, page);
  await replayFromRow(panel, 1);
  await expect.poll(() => storedRules(extension, tabId)).toHaveLength(1);
  const [rule] = (await storedRules(extension, tabId)) as ReplayRule[];
  // What the worker tells the tab's frames (the page hook plays it; here only the message is seen).
  await watchSteps(extension);
  try {
    await panel.locator('[data-action="rule-pause"]').click();
    await panel.locator('[data-action="rule-resume"]').click();
    await expect(panel.locator('[data-action="rule-next"]')).toHaveCount(0);
    await panel.locator('[data-field="pace"]').selectOption('step');
    await expect.poll(async () => (await storedRules(extension, tabId))?.[0]?.pace).toBe('step');
    await panel.locator('[data-action="rule-next"]').click();
    await expect(panel.locator('[data-action="rule-pause"]')).toHaveCount(0);
    await expect
      .poll(() => stepsSeen(extension))
      .toEqual(['pause', 'resume', 'next'].map((step) => ({ tabId, rule: rule?.id, step })));
  } finally {
    await unwatchSteps(extension);
  }
});

test('a refused change is worded, and the list stays as the worker has it', async ({ extension, server }) => {
  const { page, panel } = await feedPanel(extension, server.origin);
  const tabId = await tabIdOf(extension, page);
  await replayFromRow(panel, 1);
  await expect.poll(() => storedRules(extension, tabId)).toHaveLength(1);
  const kept = await storedRules(extension, tabId);

  await panel.locator('[data-action="rule-edit"]').click();
  await panel.locator('[data-rule-editor] [data-field="status"]').first().fill('999');
  await panel.locator('[data-action="rule-save"]').click();
  await expect(panel.locator('[data-replay-refused]')).toHaveText(
    'The change was refused: rule 1 has an invalid Status. The rules stay as they were.',
  );
  // The edits stay in the editor, to be put right.
  await expect(panel.locator('[data-rule-editor] [data-field="status"]').first()).toHaveValue('999');
  await panel.locator('[data-field="match"]').fill(' ');
  await panel.locator('[data-field="match"]').press('Enter');
  await expect(panel.locator('[data-replay-refused]')).toHaveText(
    'The change was refused: rule 1 has an invalid URL pattern. The rules stay as they were.',
  );
  await expect(panel.locator('[data-field="match"]')).toHaveValue(`${server.origin}/sse/feed`);

  // A malformed list straight through a panel's port: refused to that port, nothing kept.
  const answer = await panel.evaluate(
    (tab) =>
      new Promise<unknown>((resolve) => {
        const chrome = (globalThis as unknown as { chrome: { runtime: { connect(o: object): ChromePort } } }).chrome;
        type ChromePort = {
          postMessage(m: object): void;
          onMessage: { addListener(f: (m: { type: string }) => void): void };
        };
        const port = chrome.runtime.connect({ name: 'sse-scope/panel' });
        const brand = { brand: 'sse-scope', v: 1 };
        port.onMessage.addListener((m) => {
          if (m.type === 'replay-refused') resolve(m);
        });
        port.postMessage({ ...brand, type: 'subscribe', tabId: tab, cursors: {} });
        port.postMessage({ ...brand, type: 'replay-rules', rules: [{ id: 'x', on: 'yes' }] });
        setTimeout(() => resolve('no answer'), 3000);
      }),
    tabId,
  );
  expect(answer).toMatchObject({ type: 'replay-refused', problem: { problem: 'bad-field', rule: 0 } });
  expect(await storedRules(extension, tabId)).toEqual(kept);
  await expect(panel.locator(rulesShown)).toHaveCount(1);
});

test('rules outlive the panel and a reload of the tab, and go with the tab', async ({ extension, server }) => {
  const { page, panel } = await feedPanel(extension, server.origin);
  const tabId = await tabIdOf(extension, page);
  await replayFromRow(panel, 1);
  await expect.poll(() => storedRules(extension, tabId)).toHaveLength(1);
  await panel.close();
  const again = await openPanel(extension, tabId);
  await expect(again.locator('[data-action="replay-rules"]')).toHaveText('▶ Replay rules (1)');
  await expect(again.locator('.banner[data-replaying]')).toBeVisible();
  await page.reload();
  await again.locator('[data-action="replay-rules"]').click();
  await expect(again.locator(rulesShown)).toHaveCount(1);
  expect(await storedRules(extension, tabId)).toHaveLength(1);
  await page.close();
  await expect.poll(() => storedRules(extension, tabId)).toBeUndefined();
});

test('a replayed connection is marked in its row, lane, detail and exports', async ({ extension, server }) => {
  const { panel } = await feedPanel(extension, server.origin);
  const file = JSON.parse((await exported(panel, '[data-export="json"]')).text) as CaptureFile;
  const replay = { rule: 'r1', name: 'Feed <i>again</i>', pace: 'x2' as const };
  (file.connections[0] as CaptureFile['connections'][number]).replay = replay;
  const path = test.info().outputPath('replayed.json');
  await writeFile(path, JSON.stringify(file));
  await panel.locator('[data-action="import"]').setInputFiles(path);
  await expect(panel.locator('[data-imported]')).toBeVisible();

  const title = 'Answered by the replay rule “Feed <i>again</i>” (×2, twice as fast), not by the server';
  const tag = panel.locator('tr[data-connection="1"] .url [data-replayed]');
  await expect(tag).toHaveText('Replayed');
  await expect(tag).toHaveAttribute('title', title);
  await expect(panel.locator('tr[data-connection="2"] [data-replayed]')).toHaveCount(0);
  await expect(panel.locator('i')).toHaveCount(0);

  const canvas = panel.locator('.timeline canvas');
  await expect(canvas).toHaveAttribute('data-replayed-lanes', '1');
  const axis = Number(await canvas.getAttribute('data-axis'));
  const lane = Number(await canvas.getAttribute('data-lane'));
  await canvas.hover({ position: { x: 10, y: axis + lane / 2 } });
  await expect(canvas).toHaveAttribute('title', title);
  await canvas.hover({ position: { x: 10, y: axis + lane * 1.5 } });
  await expect(canvas).not.toHaveAttribute('title', title);

  await panel.locator('.rows .row', { hasText: 'tick' }).first().click();
  await expect(panel.locator('.detail header [data-replayed]')).toHaveText(
    'Replayed by the rule “Feed <i>again</i>” (×2, twice as fast), not the server',
  );

  const again = JSON.parse((await exported(panel, '[data-export="json"]')).text) as CaptureFile;
  expect(again.connections.map((c) => c.replay)).toEqual([replay, undefined, undefined]);
  const harFile = await exported(panel, '[data-export="har"]');
  const har = JSON.parse(harFile.text);
  expect(har.log.entries.map((e: { _replay?: unknown }) => e._replay)).toEqual([replay, undefined, undefined]);
  await panel
    .locator('[data-action="import"]')
    .setInputFiles({ name: 'replayed.har', mimeType: 'application/json', buffer: Buffer.from(harFile.text) });
  await expect(panel.locator('[data-imported]')).toContainText('replayed.har');
  await expect(panel.locator('tr [data-replayed]')).toHaveAttribute('title', title);
});

test('a rule from an imported .sse file, as from a captured connection', async ({ extension, server }) => {
  const { page, panel } = await feedPanel(extension, server.origin);
  const tabId = await tabIdOf(extension, page);
  await panel.locator('[data-action="import"]').setInputFiles({
    name: 'answer.sse',
    mimeType: 'text/event-stream',
    buffer: Buffer.from('data: one\n\nevent: done\ndata: two\n\n'),
  });
  await expect(panel.locator('[data-imported]')).toBeVisible();
  await replayFromRow(panel, 1);
  await expect.poll(() => storedRules(extension, tabId)).toHaveLength(1);
  const [rule] = (await storedRules(extension, tabId)) as ReplayRule[];
  // A raw stream is its bytes, read as one piece: played as its text.
  expect(rule?.responses.map((r) => r.chunks.map((c) => c.text).join(''))).toEqual([
    'data: one\n\nevent: done\ndata: two\n\n',
  ]);
  // A raw stream has no address: the user gives the pattern, checked against the inspected tab's connections.
  expect(rule?.match).toBe('file:///answer.sse');
  await expect(panel.locator('[data-matches]')).toHaveAttribute('data-matches', '0');
  await panel.locator('[data-field="match"]').fill(`${server.origin}/sse/feed`);
  await expect(panel.locator('[data-matches]')).toHaveAttribute('data-matches', '1');
  await panel.locator('[data-field="match"]').press('Enter');
  await expect.poll(async () => (await storedRules(extension, tabId))?.[0]?.match).toBe(`${server.origin}/sse/feed`);
});
