/**
 * Light or dark, like DevTools: the user's setting wins; otherwise DevTools' theme inside DevTools,
 * and the system's colour scheme in a tab. The stylesheet has one dark palette, under
 * `data-theme="dark"`, so every way of choosing it ends in that attribute.
 */
import { effect } from '@preact/signals';
import { devtoolsTheme, onDevtoolsThemeChange } from '../platform/browser';
import { settings } from './settings';

const systemDark = matchMedia('(prefers-color-scheme: dark)'); // not-ui-text: a media query

function apply(): void {
  const chosen = settings.value.theme;
  const theme = chosen === 'auto' ? (devtoolsTheme() ?? (systemDark.matches ? 'dark' : 'light')) : chosen;
  document.documentElement.dataset.theme = theme;
}

export function followTheme(): void {
  effect(apply);
  onDevtoolsThemeChange(apply);
  systemDark.addEventListener('change', apply);
}
