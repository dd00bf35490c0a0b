/**
 * How the app shows an instant to the viewer, with the browser's `Intl` only: the pages that show times (the home's
 * next session, the session cards) do not download luxon, which only the forms that turn typed local times into
 * instants need (`sessions.service.ts`).
 */

/** The IANA zone of this device (what the viewer's clock shows); every time is displayed in it. */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** An instant as the viewer reads it: local date, 24-hour time `HH:MM`, and the zone's short name (e.g. "CET"). */
export function describeInstant(
  iso: string,
  zone = viewerZone(),
  locale?: string
): { date: string; time: string; zoneName: string } {
  const instant = new Date(iso);
  const date = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: zone
  }).format(instant);
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? '';
  // The zone's name as luxon's `offsetNameShort` gives it: the runtime's locale, `timeZoneName: 'short'`.
  const zoneName =
    new Intl.DateTimeFormat(undefined, { hour12: false, timeZone: zone, timeZoneName: 'short' })
      .formatToParts(instant)
      .find((each) => each.type === 'timeZoneName')?.value ?? zone;
  return { date, time: `${part('hour')}:${part('minute')}`, zoneName };
}
