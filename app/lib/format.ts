import { getLocale } from '$lib/paraglide/runtime.js';

/** A session date (YYYY-MM-DD) for people, e.g. "20 Nov 2026". */
export function formatSessionDate(date: string): string {
  const parsed = new Date(`${date}T12:00:00`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(getLocale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(parsed);
}

/** The local calendar day of a timestamp (ISO), written out for a document, e.g. "20 November 2026". */
export function formatDay(iso: string): string {
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), { day: 'numeric', month: 'long', year: 'numeric' }).format(parsed);
}

/** A timestamp (ISO) for people, e.g. "20 Nov 2026, 14:05". */
export function formatTimestamp(iso: string): string {
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(parsed);
}

/** A stable, readable colour for a user's caret, derived from their id. */
export function userColour(userId: string): string {
  const palette = ['#b4441f', '#1f6fb4', '#6b3fa0', '#1e7a4c', '#a0336b', '#8a5a00', '#00707a'];
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length] ?? '#1f6fb4';
}
