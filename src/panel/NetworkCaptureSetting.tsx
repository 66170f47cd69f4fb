import { NETWORK_CAPTURE } from '../core/model';
import type { WorkerSeen } from '../core/store/views';
import { browser, debuggerApi, streamFilters } from '../platform/browser';
import { updateStoredTabs } from '../platform/stored-setting';
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
  const cost = chrome
    ? 'Chrome shows its "started debugging this browser" bar on the tab while it is on, which takes about 56 px from the page\'s height (the page gets a resize event).'
    : 'Each chunk passes through SSE Scope on its way to the page, which adds a little latency.';
  return (
    <fieldset>
      <legend>Network capture</legend>
      <label
        title={`Shows comments, retry fields, events of types nobody listens for, the Last-Event-ID of each reconnect and how the network cut the stream. ${cost}`}
      >
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
        Read EventSource streams and workers' streams from the network (streams opened from now on; reload the page to
        see them from the start)
      </label>
      {on && (
        <p class="note" data-network-note>
          {chrome ? 'Chrome shows its debugging bar on watched tabs while this is on. ' : ''}
          Streams already open are not read from the network.{' '}
          <button type="button" data-action="reload-for-network" onClick={() => browser.tabs.reload(tabId)}>
            Reload the page
          </button>
        </p>
      )}
      {on && workers.length > 0 && (
        <ul class="note" data-workers>
          {workers.map((w) => (
            <li key={`${w.kind} ${w.url}`} data-worker={w.kind} data-late={w.late ? 'true' : undefined} title={w.url}>
              {workerName(w)}
              {w.late
                ? ': already running when capture began, so streams it opened before are not seen'
                : ': followed from its start'}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
