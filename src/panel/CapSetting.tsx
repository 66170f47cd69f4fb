import { CAPTURE_CAP } from '../core/model';
import { useStoredSetting } from '../ui/use-stored-setting';

/** The cap on what a page keeps, in storage.local where every relay reads it. */
export function CapSetting() {
  const [mib, setMib] = useStoredSetting(CAPTURE_CAP.key, (stored) => Number(stored ?? CAPTURE_CAP.defaultMiB));
  return (
    <fieldset>
      <legend>Capture cap</legend>
      <label>
        Keep at most{' '}
        <input
          type="number"
          data-setting="cap"
          min={CAPTURE_CAP.minMiB}
          max={CAPTURE_CAP.maxMiB}
          value={mib ?? ''}
          onChange={(e) => {
            const value = Math.round(Number((e.currentTarget as HTMLInputElement).value));
            if (!Number.isFinite(value)) return;
            const clamped = Math.min(CAPTURE_CAP.maxMiB, Math.max(CAPTURE_CAP.minMiB, value));
            setMib(clamped);
          }}
        />{' '}
        MiB of text per page (default {CAPTURE_CAP.defaultMiB})
      </label>
    </fieldset>
  );
}
