/**
 * A menu's DevTools habits: Esc, or a click anywhere outside it (and outside the button that opens
 * it), closes it.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

export function useDismiss(open: boolean, close: () => void, inside: RefObject<HTMLElement | null>): void {
  // Registered as the menu renders, so that an Esc pressed at once is heard.
  useLayoutEffect(() => {
    if (!open) return undefined;
    const onKey = (keyboard: KeyboardEvent) => {
      if (keyboard.key === 'Escape') close();
    };
    const onPointer = (pointer: MouseEvent) => {
      if (inside.current && !inside.current.contains(pointer.target as Node)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open, close, inside]);
}
