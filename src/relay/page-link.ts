/**
 * Receives the page hook's private port (its batches of records, and the workers the page starts)
 * and their synchronous line (`Signal`: its EventSources' events in columns); and speaks over the
 * port the other way (the tab's replay rules, whether a panel watches), once it is in. At
 * `pagehide`, when no idle moment comes, it asks the hook over the line for what it still holds.
 *
 * The relay is injected before the page hook, so its handshake listeners are in place when the
 * hook dispatches the port and the line (synchronously, before any page script has run).
 * Everything that comes from the page is checked before it is kept.
 */
import type { PageRecord } from '../core/model';
import { isObject } from '../core/plain-object';
import { validatePageToRelay, validatePageWorker } from '../messages/guards';
import { BRAND, HANDSHAKE_EVENT, message, type RelayToPage, Signal, type WorkerInfo } from '../messages/messages';
import { recordsOfColumns } from './event-records';

export type RecordsHandler = (records: PageRecord[], rejected: number) => void;

/** Sends to the page hook; what is said before the port is in waits for it (the last of each type). */
export type ToPage = (msg: RelayToPage) => void;

export interface PageLink {
  toPage: ToPage;
  /** Takes, synchronously, what the page hook still holds (at pagehide). */
  flush(): void;
}

export function receivePageRecords(onRecords: RecordsHandler, onWorker: (worker: WorkerInfo) => void): PageLink {
  let link: MessagePort | undefined;
  let line: EventTarget | undefined;
  const waiting: RelayToPage[] = [];

  /** The last `events` message kept: one sent again over the line at pagehide may come over the port too. */
  let lastEvents = 0;
  function receive(data: unknown, overPort: boolean): void {
    const worker = validatePageWorker(data);
    if (worker) {
      onWorker(worker);
      return;
    }
    if (isObject(data) && data.brand === BRAND && data.type === 'events') {
      const n = data.n;
      if (!Number.isSafeInteger(n) || (n as number) < 1) {
        onRecords([], 1);
        return;
      }
      if ((n as number) <= lastEvents) return;
      lastEvents = n as number;
      const events = recordsOfColumns(data);
      if (events) onRecords(events.records, events.rejected);
      else onRecords([], 1);
      if (overPort) link?.postMessage(message<RelayToPage>({ type: 'ack', n: lastEvents }));
      return;
    }
    const batch = validatePageToRelay(data);
    if (batch) onRecords(batch.records, batch.rejected);
    else onRecords([], 1);
  }

  const onHandshake = (event: Event) => {
    const port = event instanceof MessageEvent ? event.ports[0] : undefined;
    if (!port) return;
    event.stopImmediatePropagation();
    document.removeEventListener(HANDSHAKE_EVENT, onHandshake, true);
    link = port;
    for (const msg of waiting.splice(0)) port.postMessage(msg);
    port.onmessage = (event) => receive(event.data, true);
  };
  document.addEventListener(HANDSHAKE_EVENT, onHandshake, true);

  const onSent = (event: Event) => {
    const text = (event as KeyboardEvent).key;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      onRecords([], 1);
      return;
    }
    receive(data, false);
  };
  const onLine = (event: Event) => {
    const node = (event as MouseEvent).relatedTarget;
    if (!node) return;
    event.stopImmediatePropagation();
    document.removeEventListener(Signal.handover, onLine, true);
    line = node;
    node.addEventListener(Signal.sent, onSent);
  };
  document.addEventListener(Signal.handover, onLine, true);

  return {
    toPage(msg) {
      if (link) link.postMessage(msg);
      else {
        // Of whether a panel watches, only the last word matters.
        if (msg.type === 'watched') waiting.splice(0, waiting.length, ...waiting.filter((m) => m.type !== 'watched'));
        waiting.push(msg);
      }
    },
    flush() {
      line?.dispatchEvent(new Event(Signal.flush));
    },
  };
}
