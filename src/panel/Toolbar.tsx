/**
 * The toolbar (the capture toggle, which DevTools calls its record button; clear, preserve log,
 * replay rules, the text filter, settings) and the filter bar under it (type chips with counts, the connection
 * and time-range filters in force).
 */

import { useCallback, useRef, useState } from 'preact/hooks';
import { replayRules } from '../ui/replay-rules';
import { changeSettings, settings } from '../ui/settings';
import type { PanelStore } from '../ui/store';
import { t, tn } from '../ui/text/catalogue';
import { DroppedNote } from './DroppedNote';
import { ExportMenu } from './ExportMenu';
import { HealthCount } from './HealthCount';
import { replayView } from './replay-item';
import { SettingsMenu } from './SettingsMenu';
import type { Session } from './session';
import { useDismiss } from './use-dismiss';
import { useFittingPlaceholder } from './use-fitting-placeholder';

export function Toolbar({ store, session }: { store: PanelStore; session: Session }) {
  const view = store.view();
  const live = session.imported.value === undefined;
  const { capture } = store;
  const query = store.query.value;
  const paused = store.paused.value;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsAnchor = useRef<HTMLSpanElement>(null);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  useDismiss(settingsOpen, closeSettings, settingsAnchor);
  const filterBox = useRef<HTMLInputElement>(null);
  const placeholder = useFittingPlaceholder(filterBox, t('filter_placeholder'), t('filter_placeholder_short'));
  const total = capture.events.length;
  const filtering =
    query.kind === 'terms' ||
    store.types.value.size > 0 ||
    store.connections.value.size > 0 ||
    store.range.value !== undefined;
  const summary = !filtering
    ? t('summary_all', {
        connections: tn('count_connections', capture.connections.length),
        events: tn('count_events', total),
      })
    : tn('summary_filtered', total, { shown: view.shown });
  return (
    <div class="toolbar" role="toolbar" aria-label={t('extName')}>
      {live && (
        <>
          <button
            type="button"
            class={`icon capture${paused ? '' : ' on'}`}
            aria-pressed={!paused}
            data-action="capture"
            title={paused ? t('toolbar_resume_title') : t('toolbar_pause_title')}
            onClick={() => store.togglePause()}
          >
            ●
          </button>
          <button
            type="button"
            class="icon"
            data-action="clear"
            title={t('toolbar_clear_title')}
            onClick={() => store.clear()}
          >
            ⊘
          </button>
          <label class="check" title={t('toolbar_preserve_log_title')}>
            <input
              type="checkbox"
              data-action="preserve-log"
              aria-label={t('toolbar_preserve_log')}
              checked={settings.value.preserveLog}
              onChange={(e) => changeSettings({ preserveLog: (e.currentTarget as HTMLInputElement).checked })}
            />
            <span class="label-text">{t('toolbar_preserve_log')}</span>
          </label>
        </>
      )}
      <ExportMenu store={store} session={session} />
      <button
        type="button"
        class={`replay-button${replayRules.on.value > 0 ? ' on' : ''}`}
        data-action="replay-rules"
        aria-expanded={replayView.value}
        title={t('toolbar_replay_rules_title')}
        aria-label={t('toolbar_replay_rules', { count: replayRules.rules.value.length })}
        onClick={() => (replayView.value = !replayView.value)}
      >
        ▶<span class="replay-label"> {t('toolbar_replay_rules', { count: replayRules.rules.value.length })}</span>
      </button>
      <span class="separator" />
      <input
        type="search"
        class={`filter${query.kind === 'invalid' ? ' invalid' : ''}`}
        data-action="filter"
        ref={filterBox}
        placeholder={placeholder}
        aria-label={t('filter_label')}
        title={t('filter_title')}
        aria-invalid={query.kind === 'invalid'}
        spellcheck={false}
        value={store.queryText.value}
        onInput={(e) => {
          store.queryText.value = (e.currentTarget as HTMLInputElement).value;
        }}
      />
      {query.kind === 'invalid' && (
        <span class="warn" role="alert" data-filter-error>
          {t('filter_invalid', { error: query.message })}
        </span>
      )}
      {/* Docked narrow, the summary may be cut: its title keeps it whole. */}
      <span data-summary class="summary" title={summary}>
        {summary}
      </span>
      {paused && capture.held.length > 0 && (
        <span class="note" data-held>
          {tn('toolbar_held', capture.held.length)}
        </span>
      )}
      {!store.connected.value && <span class="warn">{t('toolbar_reconnecting')}</span>}
      {capture.invalid > 0 && <span class="warn">{tn('toolbar_refused', capture.invalid)}</span>}
      <DroppedNote store={store} />
      <HealthCount store={store} now={capture.frozenAt ?? store.now.value} />
      <span class="spacer" />
      <span class="anchor" ref={settingsAnchor}>
        <button
          type="button"
          class="icon"
          data-action="settings"
          aria-expanded={settingsOpen}
          title={t('settings')}
          onClick={() => setSettingsOpen(!settingsOpen)}
        >
          ⚙
        </button>
        {settingsOpen && <SettingsMenu workers={capture.workers} onClose={closeSettings} />}
      </span>
    </div>
  );
}
