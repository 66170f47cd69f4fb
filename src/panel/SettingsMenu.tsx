import type { WorkerSeen } from '../core/store/views';
import { LanguageSetting } from '../ui/LanguageSetting';
import { changeSettings, settings } from '../ui/settings';
import { t } from '../ui/text/catalogue';
import { CapSetting } from './CapSetting';
import { Choice } from './Choice';
import { NetworkCaptureSetting } from './NetworkCaptureSetting';
import { NumberSetting } from './NumberSetting';

export function SettingsMenu({ onClose, workers }: { onClose(): void; workers: readonly WorkerSeen[] }) {
  const current = settings.value;
  return (
    <div class="menu" role="dialog" aria-label={t('settings')} data-settings>
      <CapSetting />
      <NetworkCaptureSetting workers={workers} />
      <Choice
        legend={t('settings_time_column')}
        name="time-format"
        value={current.timeFormat}
        options={{ relative: t('settings_time_relative'), absolute: t('settings_time_absolute') }}
        onChange={(timeFormat) => changeSettings({ timeFormat })}
      />
      <NumberSetting
        legend={t('settings_stalls')}
        text={t('settings_stall_label')}
        name="stall"
        min={1}
        max={3600}
        value={current.stallSeconds}
        onChange={(stallSeconds) => changeSettings({ stallSeconds })}
      />
      <Choice
        legend={t('settings_theme')}
        name="theme"
        value={current.theme}
        options={{ auto: t('settings_theme_auto'), light: t('settings_theme_light'), dark: t('settings_theme_dark') }}
        onChange={(theme) => changeSettings({ theme })}
      />
      <LanguageSetting />
      <button type="button" data-action="close-settings" onClick={onClose}>
        {t('settings_done')}
      </button>
    </div>
  );
}
