/**
 * Receives the page hook's private port: its batches of records, and the workers the page starts;
 * and speaks over it the other way (the tab's replay rules), once the port is in.
 *
 * The relay is injected before the page hook, so its handshake listener is in place when the hook
 * dispatches the port (synchronously, before any page script has run). Everything that comes over
 * the port is checked with the messages' validators before it is kept.
 */
import type { PageRecord } from '../core/model';
import { validatePageToRelay, validatePageWorker } from '../messages/guards';
import { HANDSHAKE_EVENT, type RelayToPage, type WorkerInfo } from '../messages/messages';

export type RecordsHandler = (records: PageRecord[], rejected: number) => void;

/** Sends to the page hook; what is said before the port is in waits for it (the last of each type). */
export type ToPage = (msg: RelayToPage) => void;

export function receivePageRecords(onRecords: RecordsHandler, onWorker: (worker: WorkerInfo) => void): ToPage {
  let link: MessagePort | undefined;
  const waiting: RelayToPage[] = [];
  const onHandshake = (event: Event) => {
    const port = event instanceof MessageEvent ? event.ports[0] : undefined;
    if (!port) return;
    event.stopImmediatePropagation();
    document.removeEventListener(HANDSHAKE_EVENT, onHandshake, true);
    link = port;
    for (const msg of waiting.splice(0)) port.postMessage(msg);
    port.onmessage = (message) => {
      const worker = validatePageWorker(message.data);
      if (worker) {
        onWorker(worker);
        return;
      }
      const batch = validatePageToRelay(message.data);
      if (batch) onRecords(batch.records, batch.rejected);
      else onRecords([], 1);
    };
  };
  document.addEventListener(HANDSHAKE_EVENT, onHandshake, true);
  return (msg) => {
    if (link) link.postMessage(msg);
    else waiting.push(msg);
  };
}
