/**
 * The message catalogue: every language has every message, with the placeholders English has, in
 * the plural forms its own rules need; and the words, numbers and times come out as each language
 * writes them.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { expect, test } from '@playwright/test';
import { blockNotes } from '../../src/ui/text/block-notes';
import { type Catalogue, languageFor } from '../../src/ui/text/catalogue';
import { formatBytes, formatClock, formatDuration, formatRelative } from '../../src/ui/text/format';
import { catalogue, speak } from '../support/messages';

const LANGUAGES = ['en', 'ko', 'ru'];
const FORMS = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(FORMS, '');
const used = (message: string) =>
  new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] as string).toLowerCase()));

/** Messages a translation may leave as English has them: names, units and pure placeholders. */
const SAME_IN_EVERY_LANGUAGE = new Set([
  'extName',
  'panelTitle',
  'unit_bytes',
  'unit_kilobytes',
  'unit_megabytes',
  'unit_milliseconds',
  'unit_seconds',
  'column_url',
  'tab_json',
  'export_har',
  'replay_content_type',
  'summary_all',
  'health_finding',
  'finding_clauses',
  'finding_clause_separator',
  'finding_anomaly',
  'filter_range',
  'filter_invalid',
  'events_id',
  'detail_id',
]);

test('every language has every message, in the plural forms its rules need, with the placeholders English has', () => {
  const english = catalogue('en');
  // Thousands of checks, one assertion: each check that fails says what, and the list is compared once.
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
  };
  const sameSorted = (a: Iterable<string>, b: Iterable<string>) => isDeepStrictEqual([...a].sort(), [...b].sort());
  for (const language of LANGUAGES) {
    const messages = catalogue(language);
    const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    // The same messages, each plural one in exactly this language's forms.
    const bases = new Set(Object.keys(messages).map(base));
    const englishBases = new Set(Object.keys(english).map(base));
    for (const key of englishBases) check(bases.has(key), `${language} lacks ${key}`);
    for (const key of bases) check(englishBases.has(key), `${language} has ${key}, which English has not`);
    for (const key of Object.keys(english).filter((k) => k.endsWith('_other'))) {
      const family = base(key);
      const present = Object.keys(messages).filter((k) => FORMS.test(k) && base(k) === family);
      const have = present.map((k) => (FORMS.exec(k) as RegExpExecArray)[1] as string);
      check(sameSorted(have, forms), `${language} ${family}: forms ${have.sort()}, not ${[...forms].sort()}`);
    }
    for (const [key, entry] of Object.entries(messages)) {
      const original = (english[key] ?? english[`${base(key)}_other`]) as Catalogue[string];
      check(entry.message.trim() !== '', `${language} ${key} is empty`);
      // Declared as English declares them (Chrome refuses a catalogue that uses an undeclared one).
      check(
        isDeepStrictEqual(entry.placeholders, original.placeholders),
        `${language} ${key} declares other placeholders`,
      );
      // Every value English shows, the translation shows too, and no other.
      const declared = new Set(Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase()));
      check(sameSorted(used(entry.message), used(original.message)), `${language} ${key} shows other values`);
      for (const name of used(entry.message)) check(declared.has(name), `${language} ${key} $${name}$ is not declared`);
      if (language !== 'en' && !SAME_IN_EVERY_LANGUAGE.has(key))
        check(entry.message !== original.message, `${language} ${key} is not translated`);
    }
  }
  expect(failures).toEqual([]);
});

test('the manifest takes its name, description and button title from the catalogue', () => {
  const manifest = readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8');
  const keys = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1] as string);
  expect(new Set(keys)).toEqual(new Set(['extName', 'extDescription', 'actionTitle']));
  expect(JSON.parse(manifest).default_locale).toBe('en');
  for (const language of LANGUAGES) for (const key of keys) expect(catalogue(language)[key]?.message).toBeTruthy();
  // Chrome's limits: a name of at most 75 characters, a description of at most 132.
  for (const language of LANGUAGES) {
    expect((catalogue(language).extName?.message ?? '').length).toBeLessThanOrEqual(75);
    expect((catalogue(language).extDescription?.message ?? '').length, language).toBeLessThanOrEqual(132);
  }
});

test('plurals follow each language: Russian one, few and many; Korean a single form', () => {
  const ru = speak('ru');
  expect([1, 2, 5, 11, 21, 22, 25, 1000].map((n) => ru.count('count_connections', n))).toEqual([
    '1 соединение',
    '2 соединения',
    '5 соединений',
    '11 соединений',
    '21 соединение',
    '22 соединения',
    '25 соединений',
    '1\u00a0000 соединений',
  ]);
  expect(
    ru.text('summary_all', { connections: ru.count('count_connections', 3), events: ru.count('count_events', 41) }),
  ).toBe('3 соединения, 41 событие');
  const ko = speak('ko');
  expect([1, 2, 1000].map((n) => ko.count('count_events', n))).toEqual(['이벤트 1개', '이벤트 2개', '이벤트 1,000개']);
  const en = speak('en');
  expect([0, 1, 2, 50_001].map((n) => en.count('count_events', n))).toEqual([
    '0 events',
    '1 event',
    '2 events',
    '50,001 events',
  ]);
});

test('numbers, sizes, durations and times are written in the UI’s language', () => {
  const clock = new Date(2026, 11, 3, 14, 3, 7, 215).getTime();
  const written = (language: string) => {
    speak(language);
    return [
      formatBytes(1536),
      formatDuration(12_340),
      formatDuration(245_000),
      formatRelative(1234.5),
      formatClock(clock),
    ];
  };
  expect(written('en')).toEqual(['1.5 kB', '12.3 s', '4 min 05 s', '+1.234 s', '14:03:07.215']);
  expect(written('ru')).toEqual(['1,5 кБ', '12,3 с', '4 мин 05 с', '+1,234 с', '14:03:07,215']);
  expect(formatRelative(187_215)).toBe('+3:07,215');
  speak('ko');
  expect([formatBytes(1536), formatDuration(12_340), formatDuration(245_000), formatDuration(7_380_000)]).toEqual([
    '1.5 kB',
    '12.3초',
    '4분 05초',
    '2시간 03분',
  ]);
  speak('en');
});

test('a message keeps what it does not fill, for an element to go there; an unknown key reads as itself', () => {
  const en = speak('en');
  expect(en.text('imported_from')).toBe('Imported from $name$ — read-only.');
  expect(en.text('imported_from', { name: 'a.json' })).toBe('Imported from a.json — read-only.');
  expect(en.text('nothing_like_this' as never)).toBe('nothing_like_this');
  // A value is text: a `$` or a placeholder-like word in it is not read again.
  expect(en.text('import_failed', { name: '$error$', error: '$$ 5' })).toBe('Could not import $error$: $$ 5');
});

test('the UI speaks the browser’s language when it has it, and English otherwise', () => {
  expect(['ko', 'ko-KR', 'ru-RU', 'ru_UA', 'en-GB', 'de', 'zh-CN', ''].map((l) => languageFor(l, LANGUAGES))).toEqual([
    'ko',
    'ko',
    'ru',
    'ru',
    'en',
    'en',
    'en',
    'en',
  ]);
});

test('the parsers’ notes, kept in English in captures, are shown in the UI’s language; a note it does not know stays as written', () => {
  speak('ru');
  expect(
    blockNotes({
      comments: ['keep-alive'],
      retry: 3000,
      notes: ['Unknown field "foo"', 'incomplete: the stream ended inside this line', 'something new'],
    }),
  ).toEqual([
    'comment: keep-alive',
    'retry: 3\u00a0000 мс',
    'Неизвестное поле "foo"',
    'неполная: поток закончился посреди этой строки',
    'something new',
  ]);
  speak('en');
  expect(blockNotes({ notes: ['id: 7 (sets the last event id; no event without data)'] })).toEqual([
    'id: 7 (sets the last event id; no event without data)',
  ]);
});
