/**
 * Receives the page hook's private port: its batches of records, and the workers the page starts.
 *
 * The relay is injected before the page hook, so its handshake listener is in place when the hook
 * dispatches the port (synchronously, before any page script has run). Everything that comes over
 * the port is checked with the messages' validators before it is kept.
 */
import type { PageRecord } from '../core/model';
import { validatePageToRelay, validatePageWorker } from '../messages/guards';
import { HANDSHAKE_EVENT, type WorkerInfo } from '../messages/messages';

export type RecordsHandler = (records: PageRecord[], rejected: number) => void;

export function receivePageRecords(onRecords: RecordsHandler, onWorker: (worker: WorkerInfo) => void): void {
  const onHandshake = (event: Event) => {
    const port = event instanceof MessageEvent ? event.ports[0] : undefined;
    if (!port) return;
    event.stopImmediatePropagation();
    document.removeEventListener(HANDSHAKE_EVENT, onHandshake, true);
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
}
