import { t, words } from '../ui/text/catalogue';
import { shown, typeColor } from '../ui/text/format';

/** One event type as a toggle: its colour, its name, how many events of it pass the other filters. */
export function TypeChip(props: {
  type: string;
  on: boolean;
  count: number;
  onToggle(type: string): void;
  /** Where it renders: `data-chip` in the bar, `data-more-chip` in the list behind "+N more". */
  place: 'bar' | 'more';
  /** In the bar past its two rows: out of sight, and out of the keyboard's way (the list has it). */
  hidden?: boolean;
}) {
  const { type, on } = props;
  return (
    <button
      type="button"
      class={`chip${on ? ' on' : ''}`}
      data-chip={props.place === 'bar' ? type : undefined}
      data-more-chip={props.place === 'more' ? type : undefined}
      aria-pressed={on}
      inert={props.hidden}
      title={t('filter_type_title', { type: shown(type) })}
      onClick={() => props.onToggle(type)}
    >
      <span class="swatch" style={{ background: typeColor(type) }} />
      <span class="chip-name">{shown(type)}</span>
      <span class="count">{words().number(props.count)}</span>
    </button>
  );
}
