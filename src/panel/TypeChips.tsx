/**
 * The type chips, kept to two rows whatever the number of types (nine protocols in one panel send
 * dozens): the types with no room are behind "+N more", at the end of the bar with the filters that
 * always show. A chosen type never hides: chosen where it had no room, it moves to the front.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../ui/text/catalogue';
import { MoreTypes } from './MoreTypes';
import { TypeChip } from './TypeChip';

/** Clamps the box to its first two rows of chips; returns the types of the chips past them. */
function pastTwoRows(box: HTMLElement): string[] {
  const chips = [...box.querySelectorAll<HTMLElement>(':scope > [data-chip]')];
  const tops = [...new Set(chips.map((chip) => chip.offsetTop))].sort((a, b) => a - b);
  const second = tops[1];
  if (second === undefined) {
    box.style.maxHeight = '';
    return [];
  }
  // Every read before the one write: a page may send thousands of types.
  const past = chips.filter((chip) => chip.offsetTop > second).map((chip) => chip.dataset.chip ?? '');
  const padding = Number.parseFloat(getComputedStyle(box).paddingBottom);
  box.style.maxHeight = `${second + (chips[0]?.offsetHeight ?? 0) + padding}px`;
  return past;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function TypeChips(props: {
  /** Every type, in the bar's order. */
  types: readonly string[];
  chosen: ReadonlySet<string>;
  counts: ReadonlyMap<string, number>;
  onToggle(type: string): void;
  onAll(): void;
  /** What follows the chips and always shows (the lifecycle toggle, the filters in force). */
  children: ComponentChildren;
}) {
  const { types, chosen } = props;
  const box = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState<readonly string[]>([]);
  const [moved, setMoved] = useState<ReadonlySet<string>>(new Set());
  const front = types.filter((type) => moved.has(type) && chosen.has(type));
  const order = [...front, ...types.filter((type) => !front.includes(type))];

  const measure = useRef(() => {});
  measure.current = () => {
    if (!box.current) return;
    const past = pastTwoRows(box.current);
    if (!same(past, hidden)) setHidden(past);
    const keep = [...moved].filter((type) => chosen.has(type));
    const lost = past.filter((type) => chosen.has(type));
    if (lost.length > 0 || keep.length !== moved.size) setMoved(new Set([...keep, ...lost]));
  };
  // After every render (counts change the chips' widths) and whenever the panel's width changes.
  useLayoutEffect(() => measure.current());
  useLayoutEffect(() => {
    const observer = new ResizeObserver(() => measure.current());
    if (box.current) observer.observe(box.current);
    return () => observer.disconnect();
  }, []);

  const past = new Set(hidden);
  return (
    <>
      <div class="type-chips" ref={box}>
        <button
          type="button"
          class={`chip${chosen.size === 0 ? ' on' : ''}`}
          data-chip=""
          aria-pressed={chosen.size === 0}
          onClick={() => props.onAll()}
        >
          {t('filter_all_types')}
        </button>
        {order.map((type) => (
          <TypeChip
            key={type}
            type={type}
            on={chosen.has(type)}
            count={props.counts.get(type) ?? 0}
            onToggle={props.onToggle}
            place="bar"
            hidden={past.has(type)}
          />
        ))}
      </div>
      <div class="filter-tail">
        {hidden.length > 0 && (
          <MoreTypes
            count={hidden.length}
            types={types.filter((type) => past.has(type) || front.includes(type))}
            chosen={chosen}
            counts={props.counts}
            onToggle={props.onToggle}
          />
        )}
        {props.children}
      </div>
    </>
  );
}
