/**
 * Synchronous signals to the relay about EventSource objects. Both worlds see the same DOM
 * objects, so the relay can listen to the page's EventSource itself, in its own world, where the
 * page cannot reach its listeners or patch what it calls; and it reads each event's data there,
 * without the data being copied across to it. The page hook only says, as it happens, which
 * EventSource was made, which named types the page starts listening for, and when it calls close().
 */
import { Signal } from '../messages/messages';
import { apply, construct, natives } from './natives';

export interface SignalSender {
  (type: string, target: EventTarget, conn: number): void;
  /** Says which event type the next listen signal is about. */
  listenType(type: string): void;
}

export function openSignals(): SignalSender {
  const NativeEventTarget = EventTarget;
  const NativeMouseEvent = MouseEvent;
  const NativeKeyboardEvent = KeyboardEvent;
  const node = construct(NativeEventTarget, []) as EventTarget;
  const dispatch = (on: EventTarget, type: string, target: EventTarget, conn: number) => {
    const init = { __proto__: null, relatedTarget: target, detail: conn };
    apply(natives.dispatchEvent, on, [construct(NativeMouseEvent, [type, init])]);
  };
  // At document_start no page script runs yet: only the relay, listening on document, receives this.
  if (natives.document) dispatch(natives.document, Signal.handover, node, 0);
  const sender = ((type: string, target: EventTarget, conn: number) =>
    dispatch(node, type, target, conn)) as SignalSender;
  sender.listenType = (type: string) => {
    const init = { __proto__: null, key: type };
    apply(natives.dispatchEvent, node, [construct(NativeKeyboardEvent, [Signal.listenType, init])]);
  };
  return sender;
}
