import { MatchingInputError } from './errors.ts';
import { DAYS, type AvailabilityBlock } from './schema.ts';

/** Minutes in a week; availability is kept as UTC minutes of the week, Monday 00:00 UTC = 0. */
export const WEEK_MINUTES = 7 * 24 * 60;

const FIXED_OFFSET = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const offsetCache = new Map<string, number>();

/**
 * The UTC offset in minutes of a time zone at a reference instant: an IANA name (`America/Sao_Paulo`) or a fixed
 * offset (`UTC+05:30`, `+2`, `UTC`). IANA offsets depend on daylight saving, so the caller passes the instant.
 * @throws MatchingInputError for an unknown zone.
 */
export function utcOffsetMinutes(zone: string, referenceDate: string): number {
  const key = `${zone}@${referenceDate}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let offset: number;
  const trimmed = zone.trim();
  if (/^(UTC|GMT|Z)$/i.test(trimmed)) offset = 0;
  else {
    const fixed = FIXED_OFFSET.exec(trimmed);
    if (fixed) {
      offset = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
      if (Math.abs(offset) > 14 * 60)
        throw new MatchingInputError(`time zone "${zone}" is outside UTC-14:00..UTC+14:00`);
    } else offset = ianaOffset(trimmed, referenceDate);
  }
  offsetCache.set(key, offset);
  return offset;
}

function ianaOffset(zone: string, referenceDate: string): number {
  let name: string | undefined;
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(
      new Date(referenceDate)
    );
    name = parts.find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    throw new MatchingInputError(
      `unknown time zone "${zone}" (use an IANA name like "Europe/Berlin" or an offset like "UTC+02:00")`
    );
  }
  if (!name || name === 'GMT') return 0;
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!m) throw new MatchingInputError(`cannot read the UTC offset of time zone "${zone}"`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * Minutes of an "HH:MM" the schema has checked, from its digits (no split, no closure: it runs for every block of a
 * cohort, and a closure per call costs an allocation, and under tsx a `__name` call too).
 */
function hhmm(value: string): number {
  return (
    ((value.charCodeAt(0) - 48) * 10 + value.charCodeAt(1) - 48) * 60 +
    (value.charCodeAt(3) - 48) * 10 +
    value.charCodeAt(4) -
    48
  );
}

/**
 * Turns availability blocks into sorted, disjoint, half-open UTC intervals `[start, end)` of minutes of the week,
 * flattened as `[s0, e0, s1, e1, …]`. Local blocks are shifted by the person's offset and wrap around the week.
 * @throws MatchingInputError when a block ends before it starts.
 */
export function availabilityToUtcIntervals(
  blocks: readonly AvailabilityBlock[],
  offsetMinutes: number,
  where: string,
  id?: string
): number[] {
  // Intervals as flat [start, end, start, end, …] (no pair arrays, no closures: this runs once per person).
  const raw: number[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    let start: number;
    let end: number;
    if ('day' in block) {
      const dayStart = DAYS.indexOf(block.day) * 1440;
      const from = hhmm(block.start);
      const to = hhmm(block.end);
      start = dayStart + from - offsetMinutes;
      end = dayStart + to - offsetMinutes;
      if (from > 1440 || to > 1440)
        throw new MatchingInputError(`${label(where, id)}.availability.${index}: time must not be after 24:00`);
    } else {
      start = block.utcStartMinute;
      end = block.utcEndMinute;
    }
    if (end <= start)
      throw new MatchingInputError(`${label(where, id)}.availability.${index}: a block must end after it starts`);
    // Shift into [0, WEEK) and split a block that wraps past Sunday 24:00 UTC.
    const shift = Math.floor(start / WEEK_MINUTES) * WEEK_MINUTES;
    start -= shift;
    end -= shift;
    if (end > WEEK_MINUTES) raw.push(start, WEEK_MINUTES, 0, end - WEEK_MINUTES);
    else raw.push(start, end);
  }
  sortIntervals(raw);
  const merged: number[] = [];
  for (let k = 0; k < raw.length; k += 2) {
    const s = raw[k]!;
    const e = raw[k + 1]!;
    const last = merged.length - 1;
    if (last > 0 && s <= merged[last]!) merged[last] = Math.max(merged[last]!, e);
    else merged.push(s, e);
  }
  return merged;
}

/** The name of a person in an error message, built only when there is an error. */
const label = (where: string, id: string | undefined) => (id === undefined ? where : `${where} "${id}"`);

/** Sorts flat intervals by (start, end): in place by insertion for the usual few, else through pairs. */
function sortIntervals(raw: number[]): void {
  if (raw.length > 64) {
    const pairs: Array<[number, number]> = [];
    for (let k = 0; k < raw.length; k += 2) pairs.push([raw[k]!, raw[k + 1]!]);
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let k = 0; k < pairs.length; k++) {
      raw[2 * k] = pairs[k]![0];
      raw[2 * k + 1] = pairs[k]![1];
    }
    return;
  }
  for (let k = 2; k < raw.length; k += 2) {
    const s = raw[k]!;
    const e = raw[k + 1]!;
    let at = k;
    while (at > 0 && (raw[at - 2]! > s || (raw[at - 2] === s && raw[at - 1]! > e))) {
      raw[at] = raw[at - 2]!;
      raw[at + 1] = raw[at - 1]!;
      at -= 2;
    }
    raw[at] = s;
    raw[at + 1] = e;
  }
}

/** Minutes two sets of sorted disjoint UTC intervals have in common (a plain two-pointer merge). */
export function overlapMinutes(
  a: ArrayLike<number>,
  aFrom: number,
  aTo: number,
  b: ArrayLike<number>,
  bFrom: number,
  bTo: number
): number {
  let i = aFrom;
  let j = bFrom;
  let total = 0;
  while (i < aTo && j < bTo) {
    const s = Math.max(a[i]!, b[j]!);
    const e = Math.min(a[i + 1]!, b[j + 1]!);
    if (e > s) total += e - s;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return total;
}
