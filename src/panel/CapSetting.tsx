import { CAPTURE_CAP } from '../core/capture-settings';
import { t } from '../ui/text/catalogue';
import { useStoredSetting } from '../ui/use-stored-setting';
import { NumberSetting } from './NumberSetting';

/** The cap on what a page keeps, in storage.local where every relay reads it. */
export function CapSetting() {
  const [mib, setMib] = useStoredSetting(CAPTURE_CAP.key, (stored) => Number(stored ?? CAPTURE_CAP.defaultMiB));
  return (
    <NumberSetting
      legend={t('settings_cap')}
      text={t('settings_cap_keep', { default: CAPTURE_CAP.defaultMiB })}
      name="cap"
      min={CAPTURE_CAP.minMiB}
      max={CAPTURE_CAP.maxMiB}
      value={mib}
      onChange={setMib}
    />
  );
}
