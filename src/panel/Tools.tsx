import type { ComponentChildren } from 'preact';

/** A tab's own tools, at its top right. */
export function Tools({ children }: { children: ComponentChildren }) {
  return <div class="tab-tools">{children}</div>;
}
