/**
 * The panel's reactive state: the plain capture store plus a few signals. Records are applied to
 * the capture as they arrive; the view is told at most once per RENDER_MS, so a flood of events
 * costs one render per interval, not one per event.
 */
import { signal } from '@preact/signals';
import { CaptureStore } from './capture-store';

const RENDER_MS = 50;

export function createPanelStore() {
  const capture = new CaptureStore();
  const version = signal(0);
  let scheduled = false;
  return {
    capture,
    /** Bumped when the capture changed; components read it to re-render. */
    version,
    /** Whether the inspected tab runs our content scripts (undefined until the worker answers). */
    reachable: signal<boolean | undefined>(undefined),
    /** Whether the port to the worker is up. */
    connected: signal(false),
    changed(): void {
      if (scheduled) return;
      scheduled = true;
      setTimeout(() => {
        scheduled = false;
        version.value++;
      }, RENDER_MS);
    },
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
