/**
 * The synchronous line to the relay (`Signal`): a private EventTarget that only the hook and the
 * relay hold. The EventSources' events go over it as they are read, each message the JSON text
 * of a PageToRelay message (`sent`, a KeyboardEvent whose `key` both worlds can read): the relay
 * keeps them before the call returns. A port message would be in flight for a task, and lost if
 * the frame went meanwhile (a frame removed, a page left). At `pagehide` the relay asks (`flush`)
 * for what is still queued.
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
      const init = { __proto__: null, key: apply(stringify, JSON, [message]) as string };
      apply(natives.dispatchEvent, node, [construct(NativeKeyboardEvent, [Signal.sent, init])]);
    },
    onFlush(flush) {
      apply(natives.addEventListener, node, [Signal.flush, flush]);
    },
  };
}
