import { getLocale } from '$lib/paraglide/runtime.js';
import { displayNames, numberFormat } from '$lib/intl';

/** A byte count for people: "840 KB", "3.4 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat(getLocale(), {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1
  }).format(value);
}

/** A language tag as its name in the UI language: "it" → "Italian". */
export function languageName(tag: string): string {
  try {
    return displayNames(getLocale(), 'language').of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The total size of a resource's files. */
export function resourceBytes(resource: { files: { size: number }[] }): number {
  return resource.files.reduce((sum, file) => sum + file.size, 0);
}
