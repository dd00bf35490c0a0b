import { displayNames } from '$lib/intl';

/** Countries offered by the questionnaire (ISO 3166 alpha-2): Creative Europe countries and a few more. */
const COUNTRY_CODES = [
  'AL',
  'AM',
  'AT',
  'BA',
  'BE',
  'BG',
  'CH',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GB',
  'GE',
  'GR',
  'HR',
  'HU',
  'IE',
  'IS',
  'IT',
  'LI',
  'LT',
  'LU',
  'LV',
  'MD',
  'ME',
  'MK',
  'MT',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'RS',
  'SE',
  'SI',
  'SK',
  'TN',
  'TR',
  'UA',
  'XK',
  'AR',
  'AU',
  'BR',
  'CA',
  'CL',
  'CN',
  'CO',
  'EG',
  'IL',
  'IN',
  'JP',
  'KE',
  'KR',
  'LB',
  'MA',
  'MX',
  'NG',
  'NZ',
  'SN',
  'US',
  'ZA'
] as const;

/** Countries with their names in the given locale, sorted by name. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = displayNames(locale, 'region');
  } catch {
    names = null;
  }
  return COUNTRY_CODES.map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, locale)
  );
}

/** Every IANA zone this browser knows, or a short list when it cannot tell. */
export function timeZoneOptions(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [
      'UTC',
      'Europe/London',
      'Europe/Lisbon',
      'Europe/Paris',
      'Europe/Berlin',
      'Europe/Rome',
      'Europe/Athens',
      'Europe/Helsinki'
    ];
  }
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

/** A country's name in the given locale (the code itself when this browser cannot name it). */
export function countryName(code: string, locale: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return displayNames(locale, 'region').of(code) ?? code;
  } catch {
    return code;
  }
}
