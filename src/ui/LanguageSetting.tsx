/** The UI's language, in the panel's settings and the popup: the browser's, or one chosen. */

import { LANGUAGES } from './i18n';
import { changeSettings, settings } from './settings';
import { t } from './text/catalogue';

/** A language by its own name (English, 한국어, Русский), so that whoever reads it finds theirs. */
function ownName(code: string): string {
  const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  return name.replace(/^\p{Ll}/u, (first) => first.toLocaleUpperCase(code));
}

export function LanguageSetting() {
  return (
    <fieldset>
      <legend>{t('settings_language')}</legend>
      <select
        data-setting="language"
        aria-label={t('settings_language')}
        value={settings.value.language}
        onChange={(e) => changeSettings({ language: (e.currentTarget as HTMLSelectElement).value })}
      >
        <option value="auto">{t('settings_language_auto')}</option>
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {ownName(code)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
