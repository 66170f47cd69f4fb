import { changeSettings, settings } from '../ui/settings';
import { CapSetting } from './CapSetting';
import { Choice } from './Choice';
import { ExactBytesSetting } from './ExactBytesSetting';

export function SettingsMenu({ onClose }: { onClose(): void }) {
  const current = settings.value;
  return (
    <div class="menu" role="dialog" aria-label="Settings" data-settings>
      <CapSetting />
      <ExactBytesSetting />
      <Choice
        legend="Time column"
        name="time-format"
        value={current.timeFormat}
        options={{ relative: 'Since the first event', absolute: 'Clock time' }}
        onChange={(timeFormat) => changeSettings({ timeFormat })}
      />
      <Choice
        legend="Theme"
        name="theme"
        value={current.theme}
        options={{ auto: 'Follow DevTools', light: 'Light', dark: 'Dark' }}
        onChange={(theme) => changeSettings({ theme })}
      />
      <button type="button" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
