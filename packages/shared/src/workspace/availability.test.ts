import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  availabilityRanges,
  formatInZone,
  instantFromLocal,
  overlapRanges,
  suggestSessionSlots
} from './availability.ts';
import { getAvailability, setAvailability, type WeeklyAvailability } from './weekly-availability.ts';
import { WorkspaceError } from './shape.ts';

// Monday 16:00–18:00 in Rome and Monday 10:00–12:00 in New York: the same UTC hours in winter, one hour apart in the
// three weeks between the US change (9 March 2025) and the EU change (30 March 2025).
const rome: WeeklyAvailability = { timeZone: 'Europe/Rome', slots: [{ day: 0, start: '16:00', end: '18:00' }] };
const newYork: WeeklyAvailability = { timeZone: 'America/New_York', slots: [{ day: 0, start: '10:00', end: '12:00' }] };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('availability ranges (DST-correct with luxon)', () => {
  it('places a Rome block at 15:00Z in winter and 14:00Z after the EU change', () => {
    expect(availabilityRanges(rome, day('2025-03-24'), day('2025-03-25'))).toEqual([
      { start: '2025-03-24T15:00:00.000Z', end: '2025-03-24T17:00:00.000Z' }
    ]);
    expect(availabilityRanges(rome, day('2025-03-31'), day('2025-04-01'))).toEqual([
      { start: '2025-03-31T14:00:00.000Z', end: '2025-03-31T16:00:00.000Z' }
    ]);
  });

  it('overlaps Rome and New York fully in winter, by one hour between the US and EU changes, fully again after', () => {
    expect(overlapRanges(rome, newYork, day('2025-03-03'), day('2025-03-04'))).toEqual([
      { start: '2025-03-03T15:00:00.000Z', end: '2025-03-03T17:00:00.000Z' }
    ]);
    expect(overlapRanges(rome, newYork, day('2025-03-10'), day('2025-03-11'))).toEqual([
      { start: '2025-03-10T15:00:00.000Z', end: '2025-03-10T16:00:00.000Z' }
    ]);
    expect(overlapRanges(rome, newYork, day('2025-03-31'), day('2025-04-01'))).toEqual([
      { start: '2025-03-31T14:00:00.000Z', end: '2025-03-31T16:00:00.000Z' }
    ]);
  });

  it('suggests only slots that fit the whole duration in the overlap, across the EU DST change', () => {
    const slots = suggestSessionSlots(rome, newYork, {
      from: day('2025-03-03'),
      days: 29,
      durationMinutes: 90,
      perDay: 5
    });
    expect(slots).toEqual([
      { start: '2025-03-03T15:00:00.000Z', end: '2025-03-03T16:30:00.000Z' },
      { start: '2025-03-31T14:00:00.000Z', end: '2025-03-31T15:30:00.000Z' }
    ]);
    // Before the EU change the overlap (15:00–16:00Z on 17 March) is too short for 90 minutes.
    expect(suggestSessionSlots(rome, newYork, { from: day('2025-03-17'), days: 1, durationMinutes: 90 })).toEqual([]);
    // Each suggestion is 16:00 in Rome whichever side of the change it falls on.
    for (const slot of slots) expect(formatInZone(slot.start, 'Europe/Rome').time).toBe('16:00');
  });

  it('shows one instant in each viewer zone with the right offset', () => {
    expect(formatInZone('2025-03-31T14:00:00.000Z', 'Europe/Rome')).toMatchObject({
      date: '2025-03-31',
      time: '16:00',
      offset: '+02:00'
    });
    expect(formatInZone('2025-03-31T14:00:00.000Z', 'America/New_York')).toMatchObject({
      date: '2025-03-31',
      time: '10:00',
      offset: '-04:00'
    });
    expect(formatInZone('2025-03-24T15:00:00.000Z', 'Europe/Rome').offset).toBe('+01:00');
  });

  it('turns wall-clock input into instants, moving a time skipped by DST forward', () => {
    expect(instantFromLocal('2025-03-28', '10:00', 'Europe/Rome')).toBe('2025-03-28T09:00:00Z');
    expect(instantFromLocal('2025-03-31', '10:00', 'Europe/Rome')).toBe('2025-03-31T08:00:00Z');
    // 02:30 does not exist in Rome on 30 March 2025; it becomes 03:30 CEST.
    expect(instantFromLocal('2025-03-30', '02:30', 'Europe/Rome')).toBe('2025-03-30T01:30:00Z');
  });

  it('handles a block ending at 24:00 and the autumn change (a 25-hour day)', () => {
    const late: WeeklyAvailability = { timeZone: 'Europe/Rome', slots: [{ day: 6, start: '22:00', end: '24:00' }] };
    // Sunday 26 October 2025: Rome goes back to UTC+1 at 03:00.
    expect(availabilityRanges(late, day('2025-10-26'), day('2025-10-27'))).toEqual([
      { start: '2025-10-26T21:00:00.000Z', end: '2025-10-26T23:00:00.000Z' }
    ]);
    const early: WeeklyAvailability = { timeZone: 'Europe/Rome', slots: [{ day: 6, start: '00:00', end: '06:00' }] };
    const [range] = availabilityRanges(early, day('2025-10-25'), day('2025-10-27'));
    expect(Date.parse(range!.end) - Date.parse(range!.start)).toBe(7 * 3_600_000);
  });
});

describe('stored availability', () => {
  it('round-trips through the document and refuses bad zones and blocks', () => {
    const doc = new Y.Doc();
    setAvailability(doc, 'u1', rome, new Date('2025-01-01T00:00:00Z'));
    expect(getAvailability(doc, 'u1')).toEqual({ ...rome, updatedAt: '2025-01-01T00:00:00.000Z' });
    expect(getAvailability(doc, 'u2')).toBeNull();
    expect(() => setAvailability(doc, 'u1', { timeZone: 'Mars/Olympus', slots: [] })).toThrow(WorkspaceError);
    expect(() =>
      setAvailability(doc, 'u1', { timeZone: 'Europe/Rome', slots: [{ day: 1, start: '12:00', end: '11:00' }] })
    ).toThrow(/end after/);
  });
});
