/**
 * The panel's line to the background worker: subscribe to a tab with our cursors, apply what
 * comes back, and come back ourselves whenever the worker is stopped (MV3 stops it at will). The
 * relays hold the captures, so a new subscription with the same cursors loses and repeats nothing.
 */

import { nextTask } from '../core/next-task';
import { isBackgroundToPanel, originCounts } from '../messages/guards';
import { message, type PanelToBackground, PortName } from '../messages/messages';
import { firstSeqOf, fromWireText } from '../messages/wire-codec';
import { firstSeqOfColumns, fromColumns } from '../messages/wire-columns';
import { browser, devtools, type Runtime } from '../platform/browser';
import { replayRules } from './replay-rules';
import type { PanelStore } from './store';

/** A message now and then keeps the worker from idling out while a panel is open. */
const KEEPALIVE_MS = 20_000;
/** How often gaps that were asked for and never filled are looked at (see Documents.overdue). */
const OVERDUE_MS = 1000;
const RECONNECT_DELAYS_MS = [0, 50, 200, 500, 1000];
/**
 * Messages are applied in slices of about this long: a large backlog comes as a hundred messages at
 * once, and applied in one go it would keep the panel from painting or answering the user until
 * all were in. Between slices the panel shows what is in, with the progress bar, and takes input.
 */
const SLICE_MS = 12;

export function linkToBackground(tabId: number, store: PanelStore): void {
  let port: Runtime.Port | null = null;
  let failures = 0;

  const post = (msg: PanelToBackground) => {
    try {
      port?.postMessage(msg);
    } catch {
      // Disconnected; onDisconnect reconnects.
    }
  };

  function connect(): void {
    const current = browser.runtime.connect({ name: PortName.panel });
    port = current;
    current.onMessage.addListener((msg: unknown) => {
      failures = 0;
      receive(msg);
    });
    current.onDisconnect.addListener(() => {
      if (port !== current) return;
      port = null;
      store.connected.value = false;
      const delay = RECONNECT_DELAYS_MS[Math.min(failures++, RECONNECT_DELAYS_MS.length - 1)];
      setTimeout(connect, delay);
    });
    post(message<PanelToBackground>({ type: 'subscribe', tabId, cursors: store.capture.cursors() }));
    store.connected.value = true;
  }

  // Applied in order, in slices (SLICE_MS): a message waits here until its turn.
  const queue: unknown[] = [];
  let head = 0;
  let draining = false;
  const later = nextTask();
  function receive(msg: unknown): void {
    queue.push(msg);
    if (draining) return;
    draining = true;
    later(drain);
  }
  function drain(): void {
    const until = performance.now() + SLICE_MS;
    while (head < queue.length && performance.now() < until) onMessage(queue[head++]);
    if (head < queue.length) {
      later(drain);
      return;
    }
    queue.length = 0;
    head = 0;
    draining = false;
  }

  function onMessage(msg: unknown): void {
    if (!isBackgroundToPanel(msg)) return;
    let resync: { docId: string; after: number } | undefined;
    switch (msg.type) {
      case 'doc':
        resync = store.capture.addDocument(msg.doc);
        break;
      case 'records': {
        if (msg.upTo !== undefined) store.backlogBatch(msg.docId, msg.upTo);
        // A batch that does not unpack is refused whole: counted as not loaded, and what follows goes on.
        const wire = msg.records;
        const records = typeof wire === 'string' ? fromWireText(wire, msg.last) : fromColumns(wire, msg.last);
        resync = records
          ? store.capture.addRecords(msg.docId, records)
          : store.capture.refused(
              msg.docId,
              typeof wire === 'string' ? firstSeqOf(wire) : firstSeqOfColumns(wire),
              msg.last,
            );
        break;
      }
      case 'doc-gone':
        store.capture.documentGone(msg.docId);
        break;
      case 'attached':
        store.reachable.value = msg.reachable;
        break;
      case 'origins':
        store.originCounts.value = new Map(Object.entries(originCounts(msg.counts) ?? {}));
        break;
      case 'revealed':
        store.secrets.receive(msg);
        return;
      case 'replay-rules':
        replayRules.received(msg.rules);
        return;
      case 'replay-refused':
        replayRules.refusedWith(msg.problem);
        return;
    }
    if (resync) post(message<PanelToBackground>({ type: 'resync', ...resync }));
    store.changed();
  }

  const attach = () => post(message<PanelToBackground>({ type: 'attach' }));
  // A navigation brings new documents that do not know we watch: ask the tab's frames to attach.
  devtools()?.network.onNavigated.addListener(attach);
  browser.tabs?.onUpdated.addListener((updated, change) => {
    if (updated === tabId && (change.status !== undefined || change.url !== undefined)) attach();
  });
  setInterval(() => post(message<PanelToBackground>({ type: 'ping' })), KEEPALIVE_MS);
  setInterval(() => {
    // Not while messages wait their turn: the answer to a gap may be among them (a gap is given up
    // when the relay has not answered in 5 s; a busy panel once gave up answers it held, and lost them).
    if (draining) return;
    const resyncs = store.capture.overdue();
    for (const resync of resyncs) post(message<PanelToBackground>({ type: 'resync', ...resync }));
    if (resyncs.length > 0) store.changed();
  }, OVERDUE_MS);
  store.secrets.connect((docId, conn) => post(message<PanelToBackground>({ type: 'reveal', docId, conn })));
  store.faults.connect((docId, conn, url, fault, details = {}) => {
    const { inject, ms, replayed } = details;
    const asked = {
      type: 'fault',
      docId,
      conn,
      url,
      fault,
      ...(inject ? { inject } : {}),
      ...(replayed ? { replayed: true as const } : {}),
    } as const;
    post(message<PanelToBackground>(ms === undefined ? asked : { ...asked, ms }));
  });
  replayRules.connect({
    rules: (rules) => post(message<PanelToBackground>({ type: 'replay-rules', rules })),
    step: (rule, step) => post(message<PanelToBackground>({ type: 'replay-step', rule, step })),
  });
  connect();
}
