/**
 * Light or dark, like DevTools: the user's setting wins; otherwise DevTools' theme inside DevTools,
 * and the system's (`prefers-color-scheme`, in CSS) in a tab.
 */
import { effect } from '@preact/signals';
import { devtoolsTheme, onDevtoolsThemeChange } from '../browser';
import { settings } from './settings';

function apply(): void {
  const chosen = settings.value.theme;
  const theme = chosen === 'auto' ? devtoolsTheme() : chosen;
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

export function followTheme(): void {
  effect(apply);
  onDevtoolsThemeChange(apply);
}
