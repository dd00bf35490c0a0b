import { formatInZone, instantFromLocal } from '@mop/shared';

const HOUR_MS = 60 * 60 * 1000;

/**
 * When the reminder of a session starting at `start` goes out for someone in `timeZone`, `hours` before. Whole days
 * are counted on the recipient's calendar: a 24-hour reminder comes at the same local time the day before, also
 * when a DST change falls in between (then it is 23 or 25 hours of elapsed time). Other leads are elapsed hours.
 */
export function reminderInstant(start: string, timeZone: string, hours: number): Date {
  if (hours % 24 !== 0) return new Date(Date.parse(start) - hours * HOUR_MS);
  const local = formatInZone(start, timeZone);
  const day = new Date(`${local.date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - hours / 24);
  return new Date(instantFromLocal(day.toISOString().slice(0, 10), local.time, timeZone));
}
