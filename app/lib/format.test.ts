import { afterEach, describe, expect, it } from 'vitest';
import {
  deviceZone,
  displayZone,
  formatCalendarDay,
  formatDate,
  formatLocale,
  formatRelative,
  setPreferredZone
} from './format';

// Intl output uses narrow/no-break spaces in places; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const at = (value: string, style: Parameters<typeof formatDate>[1], locale: string, zone: string) =>
  plain(formatDate(value, style, { locale, zone }));

describe('formatDate', () => {
  const instant = '2026-12-08T14:00:00Z';

  it('writes one instant in the interface language, every style alike', () => {
    expect(at(instant, 'dateTime', 'en-GB', 'Europe/Rome')).toBe('8 Dec 2026, 15:00');
    expect(at(instant, 'weekdayDateTime', 'en-GB', 'Europe/Rome')).toBe('Tue, 8 Dec 2026, 15:00');
    expect(at(instant, 'dateTime', 'it', 'Europe/Rome')).toBe('8 dic 2026, 15:00');
    expect(at(instant, 'weekdayDate', 'it', 'Europe/Rome')).toBe('mar 8 dic 2026');
    expect(at(instant, 'dateTime', 'es', 'Europe/Rome')).toBe('8 dic 2026, 15:00');
    expect(at(instant, 'dateLong', 'es', 'Europe/Rome')).toBe('8 de diciembre de 2026');
    expect(at(instant, 'time', 'es', 'Europe/Rome')).toBe('15:00');
  });

  it('converts the instant to the zone, including the calendar day', () => {
    expect(at(instant, 'time', 'en-GB', 'America/New_York')).toBe('09:00');
    expect(at(instant, 'time', 'en-GB', 'Asia/Tokyo')).toBe('23:00');
    expect(at('2026-12-08T23:30:00Z', 'date', 'en-GB', 'Asia/Tokyo')).toBe('9 Dec 2026');
    expect(at('2026-12-08T23:30:00Z', 'date', 'en-GB', 'UTC')).toBe('8 Dec 2026');
  });

  it('follows summer time: the same UTC hour reads an hour later in Rome after the March change', () => {
    // Europe/Rome moves from CET (+1) to CEST (+2) at 01:00 UTC on 29 March 2026.
    expect(at('2026-03-29T00:30:00Z', 'time', 'en-GB', 'Europe/Rome')).toBe('01:30');
    expect(at('2026-03-29T01:30:00Z', 'time', 'en-GB', 'Europe/Rome')).toBe('03:30');
    expect(at('2026-03-29T00:30:00Z', 'zoneName', 'en-GB', 'Europe/Rome')).toBe('CET');
    expect(at('2026-03-29T01:30:00Z', 'zoneName', 'en-GB', 'Europe/Rome')).toBe('CEST');
    // And back in October: 00:30 and 01:30 UTC both read as 02:30 local.
    expect(at('2026-10-25T00:30:00Z', 'time', 'en-GB', 'Europe/Rome')).toBe('02:30');
    expect(at('2026-10-25T01:30:00Z', 'time', 'en-GB', 'Europe/Rome')).toBe('02:30');
  });

  it('returns what it cannot read as given', () => {
    expect(formatDate('not a date', 'dateTime', { locale: 'en', zone: 'UTC' })).toBe('not a date');
    expect(formatCalendarDay('soon')).toBe('soon');
  });
});

describe('formatCalendarDay', () => {
  it('names the day itself, whatever the zone', () => {
    expect(plain(formatCalendarDay('2026-11-20', 'date', 'en-GB'))).toBe('20 Nov 2026');
    expect(plain(formatCalendarDay('2026-11-20', 'dateLong', 'it'))).toBe('20 novembre 2026');
    expect(plain(formatCalendarDay('2026-11-20', 'weekdayDate', 'es'))).toBe('vie, 20 nov 2026');
  });
});

describe('formatLocale', () => {
  it('writes each interface language one way on every device', () => {
    expect(formatLocale('en')).toBe('en-GB');
    expect(formatLocale('it')).toBe('it-IT');
    expect(formatLocale('es')).toBe('es-ES');
    expect(plain(formatDate('2026-12-02T23:21:00Z', 'dateTime', { locale: formatLocale('en'), zone: 'UTC' }))).toBe(
      '2 Dec 2026, 23:21'
    );
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  it('picks the largest sensible unit, in the language', () => {
    expect(formatRelative('2026-12-02T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(formatRelative('2026-12-03T12:00:00Z', now, 'en')).toBe('tomorrow');
    expect(formatRelative('2026-12-23T12:00:00Z', now, 'it')).toBe('tra 3 settimane');
    expect(formatRelative('2026-11-30T12:00:00Z', now, 'es')).toBe('anteayer');
  });
});

describe('displayZone', () => {
  afterEach(() => setPreferredZone(null));

  it("is the person's chosen zone, else the device's", () => {
    setPreferredZone('Asia/Tokyo');
    expect(displayZone()).toBe('Asia/Tokyo');
    setPreferredZone('Mars/Olympus');
    expect(displayZone()).toBe(deviceZone());
    setPreferredZone(null);
    expect(displayZone()).toBe(deviceZone());
  });
});
