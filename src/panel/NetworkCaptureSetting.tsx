import { NETWORK_CAPTURE } from '../core/capture-settings';
import type { WorkerSeen } from '../core/store/views';
import { browser, debuggerApi, streamFilters } from '../platform/browser';
import { updateStoredTabs } from '../platform/stored-setting';
import { t } from '../ui/text/catalogue';
import { useStoredSetting } from '../ui/use-stored-setting';
import { inspectedTabId } from './inspected-tab';
import { workerName } from './worker-name';

/**
 * Network capture for the panel's tab: EventSource responses read as the network delivered them
 * (Firefox: a stream filter; Chrome: the debugger, which shows its "started debugging this
 * browser" bar). Off by default; it applies to streams opened from now on, while a panel watches.
 * It follows the page's workers too: their streams are connections of the tab, and the workers
 * followed are listed here, those already running when it began said so.
 */
export function NetworkCaptureSetting({ workers }: { workers: readonly WorkerSeen[] }) {
  const tabId = inspectedTabId();
  const [tabs] = useStoredSetting(
    NETWORK_CAPTURE.key,
    (stored) => (Array.isArray(stored) ? (stored as unknown[]) : []),
    NETWORK_CAPTURE.area,
  );
  const on = tabs === undefined ? undefined : tabs.includes(tabId);
  const chrome = debuggerApi() !== undefined;
  if ((!chrome && !streamFilters()) || tabId === undefined) return null;
  const cost = chrome ? t('network_cost_chrome') : t('network_cost_firefox');
  return (
    <fieldset>
      <legend>{t('network_capture')}</legend>
      <label title={t('network_capture_title', { cost })}>
        <input
          type="checkbox"
          data-setting="network-capture"
          checked={on === true}
          disabled={on === undefined}
          onChange={(e) => {
            const checked = (e.currentTarget as HTMLInputElement).checked;
            void updateStoredTabs(NETWORK_CAPTURE.key, NETWORK_CAPTURE.area, tabId, checked);
          }}
        />
        {t('network_capture_label')}
      </label>
      {on && (
        <p class="note" data-network-note>
          {chrome ? t('network_note_chrome') : t('network_note')}{' '}
          <button type="button" data-action="reload-for-network" onClick={() => browser.tabs.reload(tabId)}>
            {t('reload_page')}
          </button>
        </p>
      )}
      {on && workers.length > 0 && (
        <ul class="note" data-workers>
          {workers.map((w) => (
            <li key={`${w.kind} ${w.url}`} data-worker={w.kind} data-late={w.late ? 'true' : undefined} title={w.url}>
              {t(w.late ? 'network_worker_late' : 'network_worker_followed', { worker: workerName(w) })}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
