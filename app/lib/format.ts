import { getLocale } from '$lib/paraglide/runtime.js';
import { dateTimeFormat, relativeTimeFormat } from './intl';

/**
 * The one place dates and times are written for people. Every style follows the interface language (Paraglide's
 * locale; English is written the European way, "8 Dec 2026, 15:00", like the Italian and Spanish interfaces and
 * whatever the device's region) and the person's time zone (the one chosen on the account page, remembered on this
 * device; else the device's). Intl only — no date library on public pages — with one formatter per locale,
 * zone and style.
 */
export type DateStyle =
  /** "2 Dec 2026" */
  | 'date'
  /** "2 December 2026", for documents such as a certificate. */
  | 'dateLong'
  /** "2 Dec 2026, 15:00" */
  | 'dateTime'
  /** "15:00" */
  | 'time'
  /** "Tue, 8 Dec 2026" */
  | 'weekdayDate'
  /** "Tue, 8 Dec 2026, 15:00" */
  | 'weekdayDateTime'
  /** "CET", the zone's short name at that instant. */
  | 'zoneName';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  dateLong: { day: 'numeric', month: 'long', year: 'numeric' },
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit' },
  weekdayDate: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  weekdayDateTime: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  },
  zoneName: { hour: 'numeric', timeZoneName: 'short' }
};

const ZONE_KEY = 'mop.timeZone';
let preferredZone: string | null | undefined;

/** The zone this device runs in. */
export function deviceZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Remembers the zone chosen on the account page (null: follow the device). */
export function setPreferredZone(zone: string | null): void {
  preferredZone = zone && isZone(zone) ? zone : null;
  try {
    if (preferredZone) localStorage.setItem(ZONE_KEY, preferredZone);
    else localStorage.removeItem(ZONE_KEY);
  } catch {
    // No storage (private mode, tests): the choice holds for this visit.
  }
}

/** The zone every time is shown in: the person's chosen one, else the device's. */
export function displayZone(): string {
  if (preferredZone === undefined) {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(ZONE_KEY);
    } catch {
      stored = null;
    }
    preferredZone = stored && isZone(stored) ? stored : null;
  }
  return preferredZone ?? deviceZone();
}

/** How each interface language writes dates: one format per language, the same on every device. */
const FORMAT_LOCALES: Record<string, string> = { en: 'en-GB', it: 'it-IT', es: 'es-ES' };

/** The Intl locale dates are written in for an interface language. */
export function formatLocale(language: string): string {
  return FORMAT_LOCALES[language] ?? language;
}

function currentLocale(): string {
  return formatLocale(getLocale());
}

function formatter(style: DateStyle, locale: string, zone: string): Intl.DateTimeFormat {
  return dateTimeFormat(locale, { ...STYLES[style], timeZone: zone });
}

/** Where the options of `formatDate` default from; tests pass their own. */
export interface FormatContext {
  locale?: string;
  zone?: string;
}

/** An instant (ISO string, Date or epoch ms) in one of the styles; an unreadable value is returned as given. */
export function formatDate(value: string | number | Date, style: DateStyle = 'date', context: FormatContext = {}) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const locale = context.locale ?? currentLocale();
  const zone = context.zone ?? displayZone();
  if (style === 'zoneName')
    return (
      formatter(style, locale, zone)
        .formatToParts(date)
        .find((part) => part.type === 'timeZoneName')?.value ?? zone
    );
  return formatter(style, locale, zone).format(date);
}

/**
 * A calendar day (YYYY-MM-DD: a session or goal date) for people, e.g. "20 Nov 2026". It names a day, not an
 * instant, so no zone moves it.
 */
export function formatCalendarDay(day: string, style: 'date' | 'dateLong' | 'weekdayDate' = 'date', locale?: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return formatDate(`${day}T12:00:00Z`, style, { locale, zone: 'UTC' });
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY]
];

/** How long ago or ahead an instant is: "5 minutes ago", "tomorrow", "in 3 weeks". */
export function formatRelative(value: string | number | Date, now: Date = new Date(), locale = currentLocale()) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const rtf = relativeTimeFormat(locale);
  let amount = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return rtf.format(Math.round(amount), unit);
    amount /= size;
  }
  return rtf.format(Math.round(amount), 'year');
}

/** A session date (YYYY-MM-DD) for people, e.g. "20 Nov 2026". */
export function formatSessionDate(date: string): string {
  return formatCalendarDay(date);
}

/** The calendar day of a timestamp (ISO) in the person's zone, written out for a document: "20 November 2026". */
export function formatDay(iso: string): string {
  return formatDate(iso, 'dateLong');
}

/** A timestamp (ISO) for people, e.g. "20 Nov 2026, 14:05". */
export function formatTimestamp(iso: string): string {
  return formatDate(iso, 'dateTime');
}

/** A stable, readable colour for a user's caret, derived from their id. */
export function userColour(userId: string): string {
  const palette = ['#b4441f', '#1f6fb4', '#6b3fa0', '#1e7a4c', '#a0336b', '#8a5a00', '#00707a'];
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length] ?? '#1f6fb4';
}
