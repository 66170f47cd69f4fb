/** The README's first command: `npm start`, headless here, prints what it captured and saves a screenshot. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '../support/fixtures';

test('npm start --headless runs the demo, prints a summary and saves a screenshot', async () => {
  // A second Node, a build check and a browser launch: a loaded machine takes most of a minute.
  test.setTimeout(120_000);
  const screenshot = join(mkdtempSync(join(tmpdir(), 'sse-scope-start-')), 'panel.png');
  const { stdout } = await promisify(execFile)(
    'npx',
    ['tsx', 'test/demo/start.ts', '--headless', '--seconds', '3', '--screenshot', screenshot],
    { env: { ...process.env, PORT: '0' }, timeout: 110_000 },
  );
  expect(stdout).toMatch(/SSE Scope captured 3 connections and \d+ events/);
  expect(stdout).toMatch(/#1 EventSource http:\/\/127\.0\.0\.1:\d+\/sse\/ping {2}\[open\] {2}\d+ events \(ping ×\d+/);
  // The chat's round ends 7.7 s after the page opened it, and the browser is back 2 s later: a slow
  // machine prints the summary in between.
  expect(stdout).toMatch(
    /#2 EventSource http:\/\/127\.0\.0\.1:\d+\/sse\/chat {2}\[(open|reconnecting #1)\] {2}\d+ events \(system ×\d+, userconnect ×/,
  );
  expect(stdout).toMatch(
    /#3 fetch POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions {2}\[(open|complete)\] {2}\d+ events/,
  );
  expect(existsSync(screenshot)).toBe(true);
  expect(statSync(screenshot).size).toBeGreaterThan(10_000);
});
