import type { ComponentChildren } from 'preact';

/** A filter in force, as a chip: a click clears it. */
export function ActiveFilter(props: { name: string; title: string; onClear(): void; children: ComponentChildren }) {
  return (
    <button
      type="button"
      class="chip on active-filter"
      data-clear={props.name}
      title={props.title}
      onClick={() => props.onClear()}
    >
      {props.children} ✕
    </button>
  );
}
