/**
 * The UI's words: a message catalogue in the WebExtension format (`_locales/<lang>/messages.json`),
 * looked up by key with named placeholders, plurals by the language's own rules (`Intl.PluralRules`:
 * Russian has one, few and many), and numbers, sizes, durations and times written by `Intl` in the
 * same language. Pure (no extension API, no DOM), so unit tests load it as it is: `ui/i18n.ts` loads
 * a catalogue and makes it the active one, and the UI's text-making functions (`./format`,
 * `./states`, `./findings`) read the active one.
 */
import type english from '../../../extension/_locales/en/messages.json';

export type MessageKey = keyof typeof english;
/** A message with a form per plural category: `<key>_one`, `<key>_few`, …, `<key>_other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, CatalogueEntry>;
/** Values for a message's `$name$` placeholders; numbers are written in the message's language. */
export type Params = Record<string, string | number>;

/** `$name$`, or `$$` for a dollar sign, as in Chrome's catalogues. */
const PLACEHOLDER = /\$\$|\$([A-Za-z0-9_@]+)\$/g;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export class Messages {
  private readonly plurals: Intl.PluralRules;
  private readonly integers: Intl.NumberFormat;
  private readonly decimals = new Map<number, Intl.NumberFormat>();
  private readonly clockFormat: Intl.DateTimeFormat;
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly lists: Intl.ListFormat;

  constructor(
    readonly language: string,
    private readonly catalogue: Catalogue,
    private readonly fallback: Catalogue = catalogue,
  ) {
    this.plurals = new Intl.PluralRules(language);
    this.integers = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    this.clockFormat = new Intl.DateTimeFormat(language, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hourCycle: 'h23',
    });
    // The month by name: 12/03 would be read as 3 December or 12 March depending on who reads it.
    this.dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    this.lists = new Intl.ListFormat(language, { type: 'conjunction' });
  }

  /** The message for `key` with its placeholders filled; the key itself when no catalogue has it. */
  text(key: MessageKey, params?: Params): string {
    return this.lookup(key, params);
  }

  /** The form of `key` that `count` takes in this language; `$count$` is the count, written out. */
  count(key: PluralKey, count: number, params?: Params): string {
    const form = `${key}_${this.plurals.select(count)}`;
    const chosen = this.catalogue[form] || this.fallback[form] ? form : `${key}_other`;
    return this.lookup(chosen, { count, ...params });
  }

  private lookup(key: string, params: Params | undefined): string {
    const entry = this.catalogue[key] ?? this.fallback[key];
    if (!entry) return key;
    // One pass, so that a value is never read again: a `$` in it stays as it is.
    return entry.message.replace(PLACEHOLDER, (whole, name: string | undefined) => {
      if (name === undefined) return '$';
      const value = params?.[name] ?? params?.[name.toLowerCase()];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.number(value) : value;
    });
  }

  /** A number with this language's grouping and decimal sign; `digits` fixes the decimals. */
  number(value: number, digits?: number): string {
    if (digits === undefined) return Number.isInteger(value) ? this.integers.format(value) : this.fixed(value, 1);
    return this.fixed(value, digits);
  }

  private fixed(value: number, digits: number): string {
    let format = this.decimals.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(this.language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      this.decimals.set(digits, format);
    }
    return format.format(value);
  }

  /** Sizes in decimal units, as DevTools' Network panel writes them (1 kB = 1,000 B). */
  bytes(bytes: number): string {
    if (bytes < 1000) return this.text('unit_bytes', { n: this.number(Math.round(bytes)) });
    if (bytes < 1_000_000) return this.text('unit_kilobytes', { n: this.fixed(bytes / 1000, 1) });
    return this.text('unit_megabytes', { n: this.fixed(bytes / 1_000_000, 1) });
  }

  /** Milliseconds with `digits` decimals: 12.5 ms. */
  milliseconds(ms: number, digits = 0): string {
    return this.text('unit_milliseconds', { n: this.fixed(ms, digits) });
  }

  /** Seconds with `digits` decimals: 12.3 s. */
  seconds(seconds: number, digits = 1): string {
    return this.text('unit_seconds', { n: this.fixed(seconds, digits) });
  }

  /** A span of time, short: 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
  duration(ms: number): string {
    const abs = Math.max(0, ms);
    if (abs < 1000) return this.milliseconds(Math.round(abs));
    if (abs < 60_000) return this.seconds(abs / 1000);
    if (abs < 3_600_000)
      return this.text('unit_minutes_seconds', {
        min: this.number(Math.floor(abs / 60_000)),
        s: pad(Math.floor((abs % 60_000) / 1000)),
      });
    return this.text('unit_hours_minutes', {
      h: this.number(Math.floor(abs / 3_600_000)),
      min: pad(Math.floor((abs % 3_600_000) / 60_000)),
    });
  }

  /** Time since the first event: +0.000 s, +12.345 s, +3:07.215 past a minute. */
  relative(ms: number): string {
    const sign = ms < 0 ? '−' : '+';
    const abs = Math.abs(ms);
    // Whole milliseconds, as a clock shows them: 1234.5 ms is +1.234 s.
    if (abs < 60_000) return `${sign}${this.seconds(Math.floor(abs) / 1000, 3)}`;
    const minutes = Math.floor(abs / 60_000);
    const seconds = this.fixed(Math.floor((abs % 60_000) / 1000) + Math.floor(abs % 1000) / 1000, 3);
    return `${sign}${minutes}:${seconds.length < 6 ? `0${seconds}` : seconds}`;
  }

  /** Events per second: 0/s, 2.5/s, 1,204/s. */
  rate(perSecond: number): string {
    const n = perSecond === 0 ? '0' : perSecond < 10 ? this.fixed(perSecond, 1) : this.number(Math.round(perSecond));
    return this.text('unit_per_second', { n });
  }

  /** Local wall-clock time with milliseconds: 14:03:07.215. */
  clock(epochMs: number): string {
    return this.clockFormat.format(epochMs);
  }

  /** Local date and time with milliseconds, for tooltips. */
  dateTime(epochMs: number): string {
    return `${this.dateFormat.format(epochMs)} ${this.clock(epochMs)}`;
  }

  /** Items joined as this language joins a list: a, b and c. */
  list(items: readonly string[]): string {
    return this.lists.format(items);
  }
}

/** The language the UI speaks for a browser language (`ko-KR` → `ko`, `ru` → `ru`); English for the rest. */
export function languageFor(browserLanguage: string, available: readonly string[]): string {
  const primary = browserLanguage.toLowerCase().split(/[-_]/)[0] ?? '';
  return available.includes(primary) ? primary : 'en';
}

let active = new Messages('en', {});

/** Makes `messages` the catalogue every text-making function reads (the UI does when it loads, and when the language changes). */
export function activateMessages(messages: Messages): void {
  active = messages;
}

/** The active catalogue: its texts and its way of writing numbers, sizes and times. */
export function words(): Messages {
  return active;
}

/** The message for `key` in the active language. */
export function t(key: MessageKey, params?: Params): string {
  return active.text(key, params);
}

/** The form of `key` that `count` takes in the active language. */
export function tn(key: PluralKey, count: number, params?: Params): string {
  return active.count(key, count, params);
}
