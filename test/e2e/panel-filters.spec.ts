import { chips, feedPanel, shownData } from '../support/feed-panel';
import { expect, test } from '../support/fixtures';

test('type chips show counts that follow the other filters, and choose types', async ({ extension, server }) => {
  const { panel } = await feedPanel(extension, server.origin);
  expect(await chips(panel)).toEqual([
    { type: '', count: '', on: true },
    { type: 'message', count: '2', on: false },
    { type: 'alert', count: '1', on: false },
    { type: 'status', count: '2', on: false },
    { type: 'tick', count: '3', on: false },
  ]);
  await panel.locator('[data-chip="tick"]').click();
  expect(await shownData(panel)).toEqual(['alpha 1', 'alpha 2', 'beta 3']);
  await panel.locator('[data-chip="alert"]').click();
  expect(await shownData(panel)).toEqual(['alpha 1', 'Disk almost full', 'alpha 2', 'beta 3']);
  await panel.locator('[data-action="filter"]').fill('alpha');
  await expect(panel.locator('[data-summary]')).toHaveText('2 of 8 events');
  expect((await chips(panel)).map((c) => `${c.type}:${c.count}`)).toEqual([
    ':',
    'message:0',
    'alert:0',
    'status:0',
    'tick:2',
  ]);
  await panel.locator('[data-chip=""]').click();
  expect((await chips(panel)).filter((c) => c.on).map((c) => c.type)).toEqual(['']);
  expect(await shownData(panel)).toEqual(['alpha 1', 'alpha 2']);
});

test('the text filter narrows by text, /regex/, type:, id:, url: and -exclusion', async ({ extension, server }) => {
  const { panel } = await feedPanel(extension, server.origin);
  const errors: string[] = [];
  panel.on('pageerror', (error) => errors.push(error.message));
  const filter = panel.locator('[data-action="filter"]');
  await filter.fill('ALPHA');
  expect(await shownData(panel)).toEqual(['alpha 1', 'alpha 2']);
  await filter.fill('/^(beta|amber)\\b/');
  expect(await shownData(panel)).toEqual(['amber', 'beta 3']);
  await filter.fill('/"roles":\\["ADMIN"/i');
  expect(await shownData(panel)).toEqual([
    '{"user":{"name":"ada","roles":["admin","dev"]},"count":3,"ok":true,"none":null}',
  ]);
  // Network-style terms, all of which must match.
  await filter.fill('type:tick -alpha');
  expect(await shownData(panel)).toEqual(['beta 3']);
  await filter.fill('url:/sse/status');
  expect(await shownData(panel)).toEqual(['green', 'amber']);
  await filter.fill('id:3 -type:tick');
  expect(await shownData(panel)).toEqual(['second\nline two']);
  await filter.fill('/(unclosed/');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  // The browser's message, said once.
  await expect(panel.locator('[data-filter-error]')).toHaveText(
    'Invalid regular expression: /(unclosed/: Unterminated group',
  );
  await expect(panel.locator('[data-summary]')).toHaveText('3 connections, 8 events');
  await filter.fill('nothing like this');
  await expect(panel.locator('[data-empty="filtered"]')).toHaveText(/No events match the filters/);
  await panel.locator('[data-empty="filtered"] button').click();
  await expect(filter).toHaveValue('');
  await expect(panel.locator('[data-summary]')).toHaveText('3 connections, 8 events');
  expect(errors).toEqual([]);
});

test('the timeline filters by a brushed range, selects on a click, zooms and fits', async ({ extension, server }) => {
  const { panel } = await feedPanel(extension, server.origin);
  // The axis's labels end before the zoom buttons begin: none hides under them.
  const labelsEnd = Number(await panel.locator('.timeline canvas').getAttribute('data-labels-end'));
  const canvasBox = await panel.locator('.timeline canvas').boundingBox();
  const controls = await panel.locator('.timeline-controls').boundingBox();
  expect(labelsEnd).toBeGreaterThan(0);
  expect((canvasBox?.x ?? 0) + labelsEnd).toBeLessThanOrEqual(controls?.x ?? 0);
  await panel.locator('tr[data-connection="1"]').click();
  await expect(panel.locator('[data-summary]')).toHaveText('6 of 8 events');
  const times = await panel.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.rows [data-col="time"]'), (cell) => Number(cell.dataset.time)),
  );
  const canvas = panel.locator('.timeline canvas');
  const geometry = async () => {
    const box = await canvas.boundingBox();
    const data = await canvas.evaluate((c) => ({ ...(c as HTMLElement).dataset }));
    if (!box) throw new Error('no timeline');
    const start = Number(data.start);
    const end = Number(data.end);
    const gutter = Number(data.gutter);
    const xOf = (time: number) => box.x + gutter + ((time - start) * (box.width - gutter - 8)) / (end - start);
    const laneY = (ordinal: number) => box.y + Number(data.axis) + (ordinal - 0.5) * Number(data.lane);
    return { start, end, xOf, laneY, box };
  };
  const { xOf, laneY, box } = await geometry();
  // The feed's second burst comes 600 ms after the first: brush from the gap to the right edge.
  const gap = ((times[2] as number) + (times[3] as number)) / 2;
  await panel.mouse.move(xOf(gap), laneY(1));
  await panel.mouse.down();
  await panel.mouse.move(xOf(gap) + 40, laneY(2), { steps: 4 });
  await panel.mouse.move(box.x + box.width - 2, laneY(2), { steps: 4 });
  await panel.mouse.up();
  expect(await shownData(panel)).toEqual(['alpha 2', 'second\nline two', 'beta 3']);
  await expect(panel.locator('[data-clear="range"]')).toBeVisible();
  await panel.locator('[data-clear="range"]').click();
  await expect(panel.locator('[data-summary]')).toHaveText('6 of 8 events');

  // A click on a tick selects that event: the status stream's second event, alone in its lane.
  await panel.locator('tr[data-connection="1"]').click();
  await expect(panel.locator('[data-summary]')).toHaveText('3 connections, 8 events');
  const amber = await panel.evaluate(() =>
    Number(
      Array.from(document.querySelectorAll<HTMLElement>('.rows .row'))
        .find((row) => row.querySelector('[data-col="data"]')?.textContent === 'amber')
        ?.querySelector<HTMLElement>('[data-col="time"]')?.dataset.time,
    ),
  );
  // The axis runs to now while the streams are live: paused, it stands still (and the click is
  // tried again should it still move between reading the geometry and the click).
  await panel.locator('button.capture').click();
  await expect(async () => {
    const now = await geometry();
    await panel.mouse.click(now.xOf(amber), now.laneY(2));
    await expect(panel.locator('.rows .row.selected [data-col="data"]')).toHaveText('amber', { timeout: 500 });
  }).toPass({ timeout: 10_000 });

  await canvas.focus();
  const before = await geometry();
  await panel.keyboard.press('+');
  const zoomed = await geometry();
  expect((zoomed.end - zoomed.start) / (before.end - before.start)).toBeCloseTo(1 / 1.5, 3);
  await panel.locator('[data-action="zoom-fit"]').click();
  const fitted = await geometry();
  expect(fitted.start).toBeLessThanOrEqual(times[0] as number);
  expect(fitted.end).toBeGreaterThanOrEqual(times[5] as number);
  await panel.screenshot({ path: test.info().outputPath('timeline.png') });
});
