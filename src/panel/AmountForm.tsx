/**
 * The form a hold or a delay opens: how long, typed by the user (seconds for a hold, milliseconds
 * for a delay), within what the fault allows. One at a time; Esc or Cancel closes it.
 */
import { signal } from '@preact/signals';
import { useCallback, useRef, useState } from 'preact/hooks';
import { FAULT_MS } from '../core/fault-details';
import type { ConnectionView } from '../core/store/views';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { useDismiss } from './use-dismiss';

type Paced = 'hold' | 'delay';
const asking = signal<{ connection: ConnectionView; fault: Paced } | undefined>(undefined);

/** Opens the form for how long to hold, or delay every chunk of, `connection`. */
export function openAmountForm(connection: ConnectionView, fault: Paced): void {
  asking.value = { connection, fault };
}

/** A hold is typed in seconds, a delay in milliseconds. */
const UNIT: Record<Paced, number> = { hold: 1000, delay: 1 };

export function AmountForm({ store }: { store: PanelStore }) {
  const open = asking.value;
  const box = useRef<HTMLFormElement>(null);
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const close = useCallback(() => {
    asking.value = undefined;
    setTyped(undefined);
  }, []);
  useDismiss(open !== undefined, close, box);
  if (!open) return null;
  const { connection, fault } = open;
  const range = FAULT_MS[fault];
  const unit = UNIT[fault];
  const value = typed ?? String(range.standard / unit);
  const ms = Math.round(Number(value) * unit);
  const fits = value.trim() !== '' && Number.isFinite(ms) && ms >= range.min && ms <= range.max;
  const submit = (e: Event) => {
    e.preventDefault();
    if (!fits) return;
    store.faults.ask(connection, fault, { ms });
    close();
  };
  const n = String(connection.ordinal);
  return (
    <form class="inject-form" data-amount-form={fault} ref={box} onSubmit={submit}>
      <h4>{fault === 'hold' ? t('amount_hold_title', { n }) : t('amount_delay_title', { n })}</h4>
      <label>
        {fault === 'hold' ? t('amount_seconds') : t('amount_ms')}
        <input
          type="number"
          data-field="amount"
          min={range.min / unit}
          max={range.max / unit}
          step={fault === 'hold' ? 0.1 : 10}
          value={value}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
      </label>
      {!fits && (
        <p class="note warn" role="alert" data-amount-problem>
          {t('amount_range', { min: String(range.min / unit), max: String(range.max / unit) })}
        </p>
      )}
      <div class="inject-actions">
        <button type="submit" data-action="amount" disabled={!fits}>
          {t('amount_submit')}
        </button>
        <button type="button" data-action="amount-cancel" onClick={close}>
          {t('inject_cancel')}
        </button>
      </div>
    </form>
  );
}
