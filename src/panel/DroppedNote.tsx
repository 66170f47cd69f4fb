import type { PanelStore } from '../ui/store';

/** Events the page's capture could not keep (its cap was reached), and where to raise the cap. */
export function DroppedNote({ store }: { store: PanelStore }) {
  const dropped = store.capture.connections.reduce((n, c) => n + c.dropped, 0);
  if (dropped === 0) return null;
  return (
    <span
      class="warn"
      data-dropped
      title="The page keeps its capture up to a cap, so that a flood cannot exhaust memory"
    >
      {dropped.toLocaleString('en-US')} event{dropped === 1 ? '' : 's'} not kept: the capture reached its cap (⚙ to
      raise it, then reload the page)
    </span>
  );
}
