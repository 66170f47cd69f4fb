/** Runs a fixture page, then opens the panel and requires it to show exactly what the page saw. */
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../harness/launch';
import type { SseServer } from '../harness/sse-server';
import { type LogEntry, runPage } from './page-log';
import { expectPanelShowsPage, openPanel, type PanelConnection, readConnections, tabIdOf } from './panel';

export interface Captured {
  log: LogEntry[];
  page: Page;
  panel: Page;
  connections: PanelConnection[];
}

/** Runs the page, opens the panel afterwards, and checks the panel's events equal the page's. */
export async function capture(extension: ExtensionBrowser, server: SseServer, path: string): Promise<Captured> {
  const { page, log } = await runPage(extension.context, server.origin + path);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  const seen = await expectPanelShowsPage(panel, log);
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => c.url).sort())
    .toEqual([...seen.keys()].sort());
  const connections = await readConnections(panel);
  return { log, page, panel, connections };
}
