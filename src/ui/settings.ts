/**
 * The panel's settings, kept in the extension's localStorage so every panel (each DevTools window,
 * each `panel.html` tab) opens the way the user left it.
 */
import { effect, signal } from '@preact/signals';
import { insightSettings } from '../core/insights/settings';

export type TimeFormat = 'relative' | 'absolute';
export type ThemeSetting = 'auto' | 'light' | 'dark';

export interface Settings {
  timeFormat: TimeFormat;
  theme: ThemeSetting;
  preserveLog: boolean;
  /** A gap between events over this many seconds is a stall, whatever the connection's usual gap. */
  stallSeconds: number;
}

const KEY = 'sse-scope:settings';
const DEFAULTS: Settings = { timeFormat: 'relative', theme: 'auto', preserveLog: false, stallSeconds: 30 };

function load(): Settings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
    return {
      timeFormat: saved.timeFormat === 'absolute' ? 'absolute' : 'relative',
      theme: saved.theme === 'light' || saved.theme === 'dark' ? saved.theme : 'auto',
      preserveLog: saved.preserveLog === true,
      stallSeconds:
        typeof saved.stallSeconds === 'number' && saved.stallSeconds >= 1 && saved.stallSeconds <= 3600
          ? saved.stallSeconds
          : DEFAULTS.stallSeconds,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export const settings = signal<Settings>(load());

export function changeSettings(change: Partial<Settings>): void {
  settings.value = { ...settings.value, ...change };
}

effect(() => {
  insightSettings.stallMs = settings.value.stallSeconds * 1000;
  try {
    localStorage.setItem(KEY, JSON.stringify(settings.value));
  } catch {
    // Storage full or disabled: the settings last as long as the panel.
  }
});
