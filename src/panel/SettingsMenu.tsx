import { t } from '../core/i18n';
import type { WorkerSeen } from '../core/store/views';
import { Interpolated } from '../ui/Interpolated';
import { LanguageSetting } from '../ui/LanguageSetting';
import { changeSettings, settings } from '../ui/settings';
import { CapSetting } from './CapSetting';
import { Choice } from './Choice';
import { NetworkCaptureSetting } from './NetworkCaptureSetting';

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
      <fieldset>
        <legend>{t('settings_stalls')}</legend>
        <div class="setting-line">
          <Interpolated
            text={t('settings_stall_label')}
            values={{
              input: (
                <input
                  type="number"
                  aria-label={t('settings_stalls')}
                  data-setting="stall"
                  min={1}
                  max={3600}
                  value={current.stallSeconds}
                  onChange={(e) => {
                    const value = Math.round(Number((e.currentTarget as HTMLInputElement).value));
                    if (Number.isFinite(value)) changeSettings({ stallSeconds: Math.min(3600, Math.max(1, value)) });
                  }}
                />
              ),
            }}
          />
        </div>
      </fieldset>
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
