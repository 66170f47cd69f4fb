/** The catalogues as the UI loads them, for unit tests of modules that write text. */
import { readFileSync } from 'node:fs';
import { activateMessages, type Catalogue, Messages } from '../../src/ui/text/catalogue';

const LOCALES = new URL('../../extension/_locales/', import.meta.url);

export function catalogue(language: string): Catalogue {
  return JSON.parse(readFileSync(new URL(`${language}/messages.json`, LOCALES), 'utf8')) as Catalogue;
}

/** Makes `language` the active one (English by default), as the panel does when it loads. */
export function speak(language = 'en'): Messages {
  const messages = new Messages(language, catalogue(language), catalogue('en'));
  activateMessages(messages);
  return messages;
}
