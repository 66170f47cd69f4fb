/**
 * The synchronous line to the relay (`Signal`): a private EventTarget that only the hook and the
 * relay hold. The relay has kept a message sent over it when the call returns (each the JSON text
 * of a PageToRelay message, as a KeyboardEvent's `key`, which both worlds can read): at `pagehide`,
 * when a port message would be lost, the relay asks (`flush`) and the EventSources' events still
 * queued, or in flight on the port, come over it (./event-delivery).
 */
import type { PageToRelay } from '../messages/messages';
import { Signal } from '../messages/messages';
import { apply, construct, natives } from './natives';

export interface SyncLine {
  /** Hands a message to the relay, which has kept it when this returns. Everything in it has no prototype. */
  send(message: PageToRelay): void;
  /** What to do when the relay asks for everything now. */
  onFlush(flush: () => void): void;
}

export function openSyncLine(): SyncLine {
  const node = construct(EventTarget, []) as EventTarget;
  const NativeKeyboardEvent = KeyboardEvent;
  const stringify = JSON.stringify;
  // At document_start no page script runs yet: only the relay, listening on document, receives this.
  if (natives.document) {
    const handover = construct(MouseEvent, [Signal.handover, { __proto__: null, relatedTarget: node }]);
    apply(natives.dispatchEvent, natives.document, [handover]);
  }
  return {
    send(message) {
      // No prototype anywhere in it: no `toJSON` a page adds is met.
      const init = { __proto__: null, key: apply(stringify, undefined, [message]) as string };
      apply(natives.dispatchEvent, node, [construct(NativeKeyboardEvent, [Signal.sent, init])]);
    },
    onFlush(flush) {
      apply(natives.addEventListener, node, [Signal.flush, flush]);
    },
  };
}
