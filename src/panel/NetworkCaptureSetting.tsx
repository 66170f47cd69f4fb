import { EXACT_BYTES } from '../core/model';
import { streamFilters } from '../platform/browser';
import { useStoredSetting } from '../ui/use-stored-setting';

/**
 * Firefox only: read EventSource responses through a stream filter, for their exact bytes. Off by
 * default: each chunk then passes through the extension on its way to the page.
 */
export function ExactBytesSetting() {
  const [on, setOn] = useStoredSetting(EXACT_BYTES.key, (stored) => stored === true);
  if (!streamFilters()) return null;
  return (
    <fieldset>
      <legend>EventSource bytes</legend>
      <label title="Shows comments, retry fields, events of types nobody listens for and how the network cut the stream. Each chunk passes through SSE Scope on its way to the page, which adds a little latency.">
        <input
          type="checkbox"
          data-setting="exact-bytes"
          checked={on === true}
          disabled={on === undefined}
          onChange={(e) => {
            const checked = (e.currentTarget as HTMLInputElement).checked;
            setOn(checked);
          }}
        />
        Read the exact bytes (Firefox; connections opened from now on)
      </label>
    </fieldset>
  );
}
