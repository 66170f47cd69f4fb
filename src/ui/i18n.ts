/**
 * The UI's language: the browser's (`i18n.getUILanguage()`), or the one chosen in the settings, from
 * the catalogues in `_locales/`. The browser's own `i18n.getMessage()` answers only in the browser's
 * language, so the pages read the same files themselves and can switch without a restart.
 */
import { effect, signal } from '@preact/signals';
import english from '../../extension/_locales/en/messages.json';
import korean from '../../extension/_locales/ko/messages.json';
import russian from '../../extension/_locales/ru/messages.json';
import { browser } from '../platform/browser';
import { settings } from './settings';
import { activateMessages, type Catalogue, languageFor, Messages } from './text/catalogue';

const CATALOGUES: Record<string, Catalogue> = { en: english, ko: korean, ru: russian };
/** The languages the UI speaks, as the settings list them. */
export const LANGUAGES = Object.keys(CATALOGUES);

function browserLanguage(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return navigator.language;
  }
}

/** The UI's language now; components that read it render again when it changes. */
export const language = signal('en');

/** Follows the language setting (and the browser's, when the setting is "auto"). */
export function followLanguage(): void {
  effect(() => {
    const chosen = settings.value.language;
    const code = Object.hasOwn(CATALOGUES, chosen) ? chosen : languageFor(browserLanguage(), LANGUAGES);
    activateMessages(new Messages(code, CATALOGUES[code] ?? english, english));
    document.documentElement.lang = code;
    language.value = code;
  });
}
