/**
 * Starts Chromium with one unpacked lab extension and talks CDP to the browser over
 * --remote-debugging-pipe. Unlike Playwright or Puppeteer it attaches to nothing by itself: the only
 * debugger client on a page is the extension's chrome.debugger, so what the lab measures is what an
 * extension does, not a test driver's side effects. The harness attaches only to the extension's
 * service worker, to call the functions it exposes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { requireChromium } from '../harness/find-chromium';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
}

export interface LabBrowser {
  version: string;
  /** Evaluates an expression in the extension's service worker, awaiting a promise. */
  inExtension<T>(expression: string): Promise<T>;
  /** Opens a tab on a URL; the extension finds its tab id by URL. */
  openTab(url: string): Promise<number>;
  close(): Promise<void>;
}

export async function launchLab(extensionDir: string): Promise<LabBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sse-lab-'));
  const child = spawn(
    requireChromium(),
    [
      '--headless',
      '--no-sandbox',
      '--no-first-run',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--remote-debugging-pipe',
      // The lab measures what a user's browser does: the debugger's infobar changes a page's height,
      // which nothing here measures, so it is left on.
      `--user-data-dir=${userDataDir}`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let buffered = '';
  fromBrowser.on('data', (data: Buffer) => {
    buffered += data.toString('utf8');
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, end)) as {
        id?: number;
        result?: object;
        error?: { message: string };
      };
      buffered = buffered.slice(end + 1);
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter || message.id === undefined) continue;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve((message.result ?? {}) as Record<string, unknown>);
    }
  });
  const send = (method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> => {
    const id = ++nextId;
    toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  };

  const { product } = (await send('Browser.getVersion')) as { product: string };
  let sessionId = '';
  for (let tries = 0; !sessionId; tries++) {
    if (tries > 100) throw new Error('the lab extension service worker did not start');
    const { targetInfos } = (await send('Target.getTargets')) as {
      targetInfos: { type: string; url: string; targetId: string }[];
    };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (worker)
      sessionId = (
        (await send('Target.attachToTarget', { targetId: worker.targetId, flatten: true })) as { sessionId: string }
      ).sessionId;
    else await sleep(100);
  }
  const inExtension = async <T>(expression: string): Promise<T> => {
    const reply = (await send(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    )) as {
      result: { value: T };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    };
    if (reply.exceptionDetails)
      throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value;
  };
  // The worker's target appears before its script has run.
  for (let tries = 0; !(await inExtension<boolean>(`typeof self.lab === 'object'`).catch(() => false)); tries++) {
    if (tries > 100) throw new Error('the lab extension did not load');
    await sleep(50);
  }
  return {
    version: product,
    inExtension,
    async openTab(url) {
      await send('Target.createTarget', { url });
      for (let tries = 0; tries < 100; tries++) {
        const id = await inExtension<number | null>(`self.lab.tabId(${JSON.stringify(url)})`);
        if (id !== null) return id;
        await sleep(100);
      }
      throw new Error(`tab did not load: ${url}`);
    },
    async close() {
      await send('Browser.close').catch(() => undefined);
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
