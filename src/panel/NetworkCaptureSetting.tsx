import { NETWORK_CAPTURE } from '../core/model';
import { browser, debuggerApi, streamFilters } from '../platform/browser';
import { useStoredSetting } from '../ui/use-stored-setting';
import { inspectedTabId } from './inspected-tab';

/**
 * Network capture: EventSource responses read as the network delivered them (Firefox: a stream
 * filter; Chrome: the debugger, which shows its "started debugging this browser" bar). Off by
 * default; it applies to streams opened from now on, in tabs a panel watches.
 */
export function NetworkCaptureSetting() {
  const [on, setOn] = useStoredSetting(NETWORK_CAPTURE.key, (stored) => stored === true);
  const chrome = debuggerApi() !== undefined;
  const tabId = inspectedTabId();
  if (!chrome && !streamFilters()) return null;
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
            setOn(checked);
          }}
        />
        Read EventSource streams from the network (streams opened from now on; reload the page to see them from the
        start)
      </label>
      {on && (
        <p class="note" data-network-note>
          {chrome ? 'Chrome shows its debugging bar on watched tabs while this is on. ' : ''}
          Streams already open are not read from the network.{' '}
          {tabId !== undefined && (
            <button type="button" data-action="reload-for-network" onClick={() => browser.tabs.reload(tabId)}>
              Reload the page
            </button>
          )}
        </p>
      )}
    </fieldset>
  );
}
