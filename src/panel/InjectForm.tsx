/**
 * The form an `inject` fault opens: the event's type and data, typed by the user and sent to the
 * worker only (never from a page), at most 64 KiB. One at a time; Esc or Cancel closes it.
 */
import { signal } from '@preact/signals';
import { useCallback, useRef, useState } from 'preact/hooks';
import { injectionProblem } from '../core/injected-block';
import type { ConnectionView } from '../core/store/views';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { formatBytes } from '../ui/text/format';
import { useDismiss } from './use-dismiss';

const injecting = signal<ConnectionView | undefined>(undefined);

/** Opens the form for an event to inject into `connection`. */
export function openInjectForm(connection: ConnectionView): void {
  injecting.value = connection;
}

export function InjectForm({ store }: { store: PanelStore }) {
  const connection = injecting.value;
  const box = useRef<HTMLFormElement>(null);
  const [type, setType] = useState('');
  const [data, setData] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const close = useCallback(() => {
    injecting.value = undefined;
    setProblem(undefined);
  }, []);
  useDismiss(connection !== undefined, close, box);
  if (!connection) return null;
  const submit = (e: Event) => {
    e.preventDefault();
    const injection = { type, data };
    const wrong = injectionProblem(injection);
    if (wrong === 'too-long')
      setProblem(t('inject_too_long', { size: formatBytes(new TextEncoder().encode(data).byteLength) }));
    else if (wrong === 'type-line') setProblem(t('inject_type_line'));
    else {
      store.faults.ask(connection, 'inject', { inject: injection });
      close();
    }
  };
  return (
    <form class="inject-form" data-inject-form ref={box} onSubmit={submit}>
      <h4>{t('inject_title', { n: String(connection.ordinal) })}</h4>
      <label>
        {t('inject_type')}
        <input
          type="text"
          data-field="inject-type"
          value={type}
          placeholder={t('inject_type_hint')}
          onInput={(e) => setType(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('inject_data')}
        <textarea data-field="inject-data" rows={4} value={data} onInput={(e) => setData(e.currentTarget.value)} />
      </label>
      {problem && (
        <p class="note warn" role="alert" data-inject-problem>
          {problem}
        </p>
      )}
      <div class="inject-actions">
        <button type="submit" data-action="inject">
          {t('inject_submit')}
        </button>
        <button type="button" data-action="inject-cancel" onClick={close}>
          {t('inject_cancel')}
        </button>
      </div>
    </form>
  );
}
