/**
 * "+N more": the event types with no room in the filter bar's two rows, a click away, each still a
 * toggle with its colour and count. Keyboard: the list takes the focus when it opens, ↑/↓ (and
 * Home/End) move in it, Esc closes it and gives the focus back to the button.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../ui/text/catalogue';
import { TypeChip } from './TypeChip';
import { useDismiss } from './use-dismiss';

export function MoreTypes(props: {
  /** How many types the bar has no room for. */
  count: number;
  /** What the list shows: those types, and the chosen ones it moved into the bar. */
  types: readonly string[];
  chosen: ReadonlySet<string>;
  counts: ReadonlyMap<string, number>;
  onToggle(type: string): void;
}) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLFieldSetElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  useDismiss(open, close, anchor);
  useLayoutEffect(() => {
    if (open) list.current?.querySelector<HTMLElement>('button')?.focus();
  }, [open]);

  const onKeyDown = (key: KeyboardEvent) => {
    const items = [...(list.current?.querySelectorAll<HTMLElement>('button') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[key.key];
    if (to === undefined || items.length === 0) return;
    key.preventDefault();
    items[(to + items.length) % items.length]?.focus();
  };

  return (
    <span class="anchor" ref={anchor}>
      <button
        type="button"
        ref={button}
        class={`chip more-types${open ? ' on' : ''}`}
        data-more-types={props.count}
        aria-expanded={open}
        aria-controls={open ? 'more-types' : undefined}
        title={t('filter_more_types_title')}
        onClick={() => setOpen(!open)}
      >
        {t('filter_more_types', { count: String(props.count) })}
      </button>
      {open && (
        <fieldset
          id="more-types"
          class="menu more-types-list"
          aria-label={t('filter_more_types_title')}
          data-more-types-list
          ref={list}
          onKeyDown={onKeyDown}
        >
          {props.types.map((type) => (
            <TypeChip
              key={type}
              type={type}
              on={props.chosen.has(type)}
              count={props.counts.get(type) ?? 0}
              onToggle={props.onToggle}
              place="more"
            />
          ))}
        </fieldset>
      )}
    </span>
  );
}
