import { t } from '../core/i18n';
import { CAPTURE_CAP } from '../core/model';
import { Interpolated } from '../ui/Interpolated';
import { useStoredSetting } from '../ui/use-stored-setting';

/** The cap on what a page keeps, in storage.local where every relay reads it. */
export function CapSetting() {
  const [mib, setMib] = useStoredSetting(CAPTURE_CAP.key, (stored) => Number(stored ?? CAPTURE_CAP.defaultMiB));
  return (
    <fieldset>
      <legend>{t('settings_cap')}</legend>
      <div class="setting-line">
        <Interpolated
          text={t('settings_cap_keep', { default: CAPTURE_CAP.defaultMiB })}
          values={{
            input: (
              <input
                type="number"
                aria-label={t('settings_cap')}
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
              />
            ),
          }}
        />
      </div>
    </fieldset>
  );
}
