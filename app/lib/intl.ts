/**
 * Intl formatters, one per kind, locale and options, made when first asked for (format.ts writes dates with them). Making one costs far more than using
 * it: the learning center made one per card for each language name and file size while it hydrated, ~90 ms of its
 * main thread on a phone-speed CPU (docs/benchmarks.md, issue 16, sixth round). Throws as the constructors do (an
 * unknown locale or option), so callers keep their own fallbacks.
 */

type Formatter = Intl.DisplayNames | Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.Collator;

const made = new Map<string, Formatter>();

function cached<T extends Formatter>(key: string, make: () => T): T {
  let formatter = made.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    made.set(key, formatter);
  }
  return formatter;
}

/** Names of languages ("it" → "Italian") or regions ("IT" → "Italy") in `locale`. */
export function displayNames(locale: string, type: 'language' | 'region'): Intl.DisplayNames {
  return cached(`names|${type}|${locale}`, () => new Intl.DisplayNames([locale], { type }));
}

/** Numbers in `locale` with `options`. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(`number|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** Dates and times in `locale` with `options` (a time zone among them). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`date|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** "5 minutes ago", "tomorrow" in `locale`. */
export function relativeTimeFormat(locale: string): Intl.RelativeTimeFormat {
  return cached(`relative|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
}

/**
 * Sorting in `locale`'s order ("ámbito" before "escucha" in Spanish), one collator per locale. It did not make the
 * learning center's filters cheaper than `localeCompare` (docs/benchmarks.md, issue 16, eighth round): most of their
 * cost is ICU loading its collation data on first use, which either way pays once.
 */
export function collator(locale: string): Intl.Collator {
  return cached(`collator|${locale}`, () => new Intl.Collator(locale));
}
