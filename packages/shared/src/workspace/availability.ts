import { DateTime } from 'luxon';
import type { AvailabilitySlot } from '../profile-doc.ts';
import { WorkspaceError } from './shape.ts';
import { minutesOf, type WeeklyAvailability } from './weekly-availability.ts';

/** A time span between two instants (ISO strings in UTC, `end` exclusive). */
export interface TimeRange {
  start: string;
  end: string;
}

/**
 * The instants a weekly availability covers between `from` and `until`, as UTC ranges. Each block is placed on the
 * local calendar of its zone with luxon, so a block "Monday 09:00–12:00 Europe/Rome" is 08:00–11:00 UTC in winter
 * and 07:00–10:00 UTC in summer. A block starting in a DST gap starts at the first valid local time after it.
 */
export function availabilityRanges(availability: WeeklyAvailability, from: Date, until: Date): TimeRange[] {
  const zone = availability.timeZone;
  const ranges: { start: number; end: number }[] = [];
  // One day of margin either side: a block on a local date can start before `from` or end after `until` in UTC.
  let day = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(until, { zone }).startOf('day').plus({ days: 1 });
  while (day <= last) {
    const weekday = day.weekday - 1; // luxon: 1 = Monday … 7 = Sunday; ours: 0 = Monday … 6 = Sunday
    for (const slot of availability.slots as AvailabilitySlot[]) {
      if (slot.day !== weekday) continue;
      const startMin = minutesOf(slot.start);
      const endMin = minutesOf(slot.end);
      const start = day.set({ hour: Math.floor(startMin / 60), minute: startMin % 60 });
      const end =
        endMin === 24 * 60 ? day.plus({ days: 1 }) : day.set({ hour: Math.floor(endMin / 60), minute: endMin % 60 });
      const s = Math.max(start.toMillis(), from.getTime());
      const e = Math.min(end.toMillis(), until.getTime());
      if (e > s) ranges.push({ start: s, end: e });
    }
    day = day.plus({ days: 1 });
  }
  return mergeRanges(ranges).map(toIsoRange);
}

function mergeRanges(ranges: { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const range of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function toIsoRange(range: { start: number; end: number }): TimeRange {
  return { start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() };
}

/** Options of `suggestSessionSlots`. */
export interface SuggestOptions {
  /** First instant to consider; default now. */
  from?: Date;
  /** How many days ahead to look; default 14. */
  days?: number;
  /** Length of the session; default 60. */
  durationMinutes?: number;
  /** Candidate starts are aligned to this many minutes past the hour (UTC); default 30. */
  stepMinutes?: number;
  /** At most this many suggestions; default 10. */
  limit?: number;
  /** At most this many suggestions on one UTC day, so suggestions spread over the window; default 2. */
  perDay?: number;
}

/** The common free time of two weekly availabilities between `from` and `until`, as UTC ranges. */
export function overlapRanges(a: WeeklyAvailability, b: WeeklyAvailability, from: Date, until: Date): TimeRange[] {
  const left = availabilityRanges(a, from, until);
  const right = availabilityRanges(b, from, until);
  const overlap: TimeRange[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const l = left[i]!;
    const r = right[j]!;
    const start = l.start > r.start ? l.start : r.start;
    const end = l.end < r.end ? l.end : r.end;
    if (start < end) overlap.push({ start, end });
    if (l.end < r.end) i += 1;
    else j += 1;
  }
  return overlap;
}

/**
 * Session slots that fit both members' weekly availability: starts aligned to `stepMinutes`, each leaving room for
 * the whole session inside the overlap. Returns UTC instants; show them with `formatInZone` in each viewer's zone.
 */
export function suggestSessionSlots(
  a: WeeklyAvailability,
  b: WeeklyAvailability,
  options: SuggestOptions = {}
): TimeRange[] {
  const from = options.from ?? new Date();
  const days = options.days ?? 14;
  const durationMs = (options.durationMinutes ?? 60) * 60_000;
  const stepMs = (options.stepMinutes ?? 30) * 60_000;
  const limit = options.limit ?? 10;
  const perDay = options.perDay ?? 2;
  const until = new Date(from.getTime() + days * 86_400_000);
  const suggestions: TimeRange[] = [];
  const countByDay = new Map<string, number>();
  for (const range of overlapRanges(a, b, from, until)) {
    const end = Date.parse(range.end);
    let start = Math.ceil(Date.parse(range.start) / stepMs) * stepMs;
    while (start + durationMs <= end && suggestions.length < limit) {
      const dayKey = new Date(start).toISOString().slice(0, 10);
      const count = countByDay.get(dayKey) ?? 0;
      if (count >= perDay) break;
      countByDay.set(dayKey, count + 1);
      suggestions.push(toIsoRange({ start, end: start + durationMs }));
      // The next suggestion on the same stretch starts after this one ends: offering 10:00 and 10:30 is noise.
      start += Math.ceil(durationMs / stepMs) * stepMs;
    }
  }
  return suggestions;
}

/** An instant as seen in a zone: local date `YYYY-MM-DD`, time `HH:MM`, the offset (`+02:00`) and the zone's abbreviation. */
export function formatInZone(
  iso: string,
  zone: string
): { date: string; time: string; offset: string; zoneName: string } {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  if (!dt.isValid) throw new WorkspaceError('invalid_input', `Not an instant or zone: ${iso} in ${zone}`);
  return {
    date: dt.toISODate() ?? '',
    time: dt.toFormat('HH:mm'),
    offset: dt.toFormat('ZZ'),
    zoneName: dt.offsetNameShort ?? zone
  };
}

/**
 * The UTC instant of a wall-clock time in a zone (what a proposer types: "2025-03-31 10:00 in Europe/Rome").
 * A time that does not exist (skipped by a DST change) moves forward to the first valid one, as luxon does.
 */
export function instantFromLocal(date: string, time: string, zone: string): string {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid) throw new WorkspaceError('invalid_input', `Not a local time: ${date} ${time} in ${zone}`);
  return dt.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}
