/**
 * How the app shows an instant to the viewer, through the one format helper (`$lib/format`, the browser's `Intl`
 * only): the pages that show times (the home's next session, the session cards) import this file, not the sessions
 * service with its forms.
 */
import { displayZone, formatDate } from '$lib/format';

/** The IANA zone every time is displayed and entered in: the person's chosen zone, else the device's. */
export function viewerZone(): string {
  return displayZone();
}

/**
 * An instant as the viewer reads it: local date, time, and the zone's short name (e.g. "CET"), from the one format
 * helper; `clock` is the 24-hour "HH:mm" the form fields and tests use.
 */
export function describeInstant(
  iso: string,
  zone = viewerZone()
): { date: string; time: string; clock: string; zoneName: string } {
  return {
    date: formatDate(iso, 'weekdayDate', { zone }),
    time: formatDate(iso, 'time', { zone }),
    clock: clockIn(iso, zone),
    zoneName: formatDate(iso, 'zoneName', { zone })
  };
}

/** The 24-hour "HH:mm" of an instant in `zone` (midnight is 00:00), with `Intl` only: no luxon on these pages. */
function clockIn(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')}`;
}
