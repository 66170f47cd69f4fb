/**
 * The page hook's private line to the relay.
 *
 * At document_start no page script has run yet, so the hook hands one end of a fresh
 * MessageChannel to the relay with a synchronous event on `document` that only the relay (already
 * listening, it is injected first) receives; from then on records travel over the port, which no
 * page script can reach. Records are batched: one port message per task, not per event. The relay
 * speaks back over it too: the tab's replay rules.
 */

import { LIMITS } from '../core/limits';
import type { PageRecord, WorkerKind } from '../core/model';
import { BRAND, HANDSHAKE_EVENT, MESSAGES_VERSION, type PageToRelay } from '../messages/messages';
import { accessor, apply, construct, getOwnPropertyDescriptor, natives, read } from './natives';

const onMessage = getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')?.set as (
  this: MessagePort,
  f: unknown,
) => void;
const messageData = accessor(MessageEvent.prototype, 'data');
const bufferOf = accessor(Object.getPrototypeOf(Uint8Array.prototype) as object, 'buffer');

export interface RecordSink {
  /** Queues a record; `chars` is roughly its size, to flush large batches early. */
  add(record: PageRecord, chars: number): void;
  /** A new connection number for this document (EventSource, fetch and XHR share them). */
  nextConnection(): number;
  /** The page started a worker (for network capture, which sees its requests). */
  worker(kind: WorkerKind, url: string): void;
  /** Posts a message of its own (the EventSources' read events). */
  post(message: PageToRelay): void;
}

/** Batches hold at most this many UTF-16 code units of data before they are sent. */
const BATCH_CHARS = 1 << 20;
/** Coalesce what arrives within a few milliseconds into one message. */
const FLUSH_DELAY_MS = 4;

/** `receive`: what the relay says back over the port (the tab's replay rules). */
export function openRelayChannel(receive: (msg: unknown) => void): RecordSink {
  const channel = construct(natives.MessageChannel, []) as MessageChannel;
  const port = channel.port1;
  apply(onMessage, port, [
    (event: MessageEvent) => {
      try {
        receive(read<unknown>(messageData, event));
      } catch {
        // A rule that cannot be played leaves the page to its servers.
      }
    },
  ]);
  if (natives.document) {
    const handshake = construct(natives.MessageEvent, [HANDSHAKE_EVENT, { ports: [channel.port2] }]);
    apply(natives.dispatchEvent, natives.document, [handshake]);
  }

  let batch: PageRecord[] = [];
  /** Chunk copies' buffers, moved to the relay rather than copied again. */
  let transfer: ArrayBuffer[] = [];
  let batchChars = 0;
  let scheduled = false;
  let connections = 0;

  function flush(): void {
    scheduled = false;
    if (batch.length === 0) return;
    const message: PageToRelay = { brand: BRAND, v: MESSAGES_VERSION, type: 'records', records: batch };
    const moved = transfer;
    batch = [];
    transfer = [];
    batchChars = 0;
    apply(natives.postMessage, port, [message, moved]);
  }

  return {
    nextConnection() {
      connections++;
      return connections;
    },
    post(message) {
      apply(natives.postMessage, port, [message]);
    },
    worker(kind, url) {
      const message: PageToRelay = { brand: BRAND, v: MESSAGES_VERSION, type: 'worker', worker: kind, url };
      apply(natives.postMessage, port, [message]);
    },
    add(record, chars) {
      batch[batch.length] = record;
      // A chunk's data is our own copy: its buffer can move.
      if (record.kind === 'chunk-in' && typeof record.data !== 'string')
        transfer[transfer.length] = read<ArrayBuffer>(bufferOf, record.data);
      batchChars += chars;
      if (batch.length >= LIMITS.batchRecords || batchChars >= BATCH_CHARS) flush();
      else if (!scheduled) {
        scheduled = true;
        apply(natives.setTimeout, natives.window, [flush, FLUSH_DELAY_MS]);
      }
    },
  };
}
