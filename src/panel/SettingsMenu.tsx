import type { WorkerSeen } from '../core/store/views';
import { changeSettings, settings } from '../ui/settings';
import { CapSetting } from './CapSetting';
import { Choice } from './Choice';
import { NetworkCaptureSetting } from './NetworkCaptureSetting';

export function SettingsMenu({ onClose, workers }: { onClose(): void; workers: readonly WorkerSeen[] }) {
  const current = settings.value;
  return (
    <div class="menu" role="dialog" aria-label="Settings" data-settings>
      <CapSetting />
      <NetworkCaptureSetting workers={workers} />
      <Choice
        legend="Time column"
        name="time-format"
        value={current.timeFormat}
        options={{ relative: 'Since the first event', absolute: 'Clock time' }}
        onChange={(timeFormat) => changeSettings({ timeFormat })}
      />
      <fieldset>
        <legend>Stalls</legend>
        <label>
          Mark a gap over{' '}
          <input
            type="number"
            data-setting="stall"
            min={1}
            max={3600}
            value={current.stallSeconds}
            onChange={(e) => {
              const value = Math.round(Number((e.currentTarget as HTMLInputElement).value));
              if (Number.isFinite(value)) changeSettings({ stallSeconds: Math.min(3600, Math.max(1, value)) });
            }}
          />{' '}
          s as a stall (also any gap 10× the connection's usual; applies to events from now on)
        </label>
      </fieldset>
      <Choice
        legend="Theme"
        name="theme"
        value={current.theme}
        options={{ auto: 'Follow DevTools', light: 'Light', dark: 'Dark' }}
        onChange={(theme) => changeSettings({ theme })}
      />
      <button type="button" data-action="close-settings" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
