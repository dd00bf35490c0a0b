import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { profileDocName, parseDocName } from './doc-names.ts';
import {
  PROFILE_LIMITS,
  availabilityToUtc,
  isProfileComplete,
  missingProfileFields,
  profileFieldProblem,
  profileMap,
  readProfile,
  writeProfile,
  type MatchingProfilePatch
} from './profile-doc.ts';

const mentee: MatchingProfilePatch = {
  displayName: 'Inês Carvalho',
  sectors: ['music'],
  skillsWanted: ['fundraising'],
  goals: ['first-funding'],
  languages: ['pt', 'en'],
  country: 'PT',
  timeZone: 'Europe/Lisbon',
  availability: [{ day: 1, start: '18:00', end: '20:00' }]
};

describe('profile document', () => {
  it('has a document name of its own kind', () => {
    expect(profileDocName('demo-mentee-1')).toBe('profile:demo-mentee-1');
    expect(parseDocName('profile:demo-mentee-1')).toEqual({ kind: 'profile', id: 'demo-mentee-1' });
    expect(() => profileDocName('Bad Id')).toThrow();
  });

  it('reads an empty document as an empty, incomplete profile', () => {
    const profile = readProfile(new Y.Doc());
    expect(profile).toMatchObject({ displayName: '', sectors: [], capacity: null, completedAt: null, updatedAt: null });
    expect(missingProfileFields(profile, 'mentee')).toEqual([
      'displayName',
      'sectors',
      'languages',
      'country',
      'timeZone',
      'availability',
      'skillsWanted',
      'goals'
    ]);
  });

  it('writes fields, stamps updatedAt and survives a round trip through an update', () => {
    const doc = new Y.Doc();
    writeProfile(doc, mentee, new Date('2026-02-01T10:00:00Z'));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const profile = readProfile(copy);
    expect(profile).toMatchObject({ ...mentee, updatedAt: '2026-02-01T10:00:00.000Z' });
    expect(isProfileComplete(profile, 'mentee')).toBe(true);
    expect(isProfileComplete(profile, 'mentor')).toBe(false);
    expect(missingProfileFields(profile, 'mentor')).toEqual(['skillsOffered', 'capacity']);
  });

  it('tolerates bad values: a wrong type reads as empty, a bad block is dropped alone', () => {
    const doc = new Y.Doc();
    const map = profileMap(doc);
    map.set('displayName', 42);
    map.set('sectors', ['music', 7]);
    map.set('capacity', 9);
    map.set('availability', [{ day: 8, start: '10:00', end: '11:00' }, { day: 2, start: '10:00', end: '11:00' }, 'x']);
    const profile = readProfile(doc);
    expect(profile.displayName).toBe('');
    expect(profile.sectors).toEqual(['music']);
    expect(profile.capacity).toBeNull();
    expect(profile.availability).toEqual([{ day: 2, start: '10:00', end: '11:00' }]);
  });

  it('requires a real time zone and a block that ends after it starts', () => {
    const doc = new Y.Doc();
    writeProfile(doc, {
      ...mentee,
      timeZone: 'Mars/Olympus',
      availability: [{ day: 0, start: '10:00', end: '09:00' }]
    });
    expect(missingProfileFields(readProfile(doc), 'mentee')).toEqual(['timeZone', 'availability']);
  });
});

describe('availability to UTC', () => {
  it('uses winter offsets in the default reference week and wraps around the week', () => {
    const monday9 = [{ day: 0, start: '09:00', end: '10:00' }];
    expect(availabilityToUtc(monday9, 'Europe/Lisbon')).toEqual([{ utcStartMinute: 540, utcEndMinute: 600 }]);
    expect(availabilityToUtc(monday9, 'Europe/Athens')).toEqual([{ utcStartMinute: 420, utcEndMinute: 480 }]);
    expect(availabilityToUtc([{ day: 0, start: '20:00', end: '21:00' }], 'America/New_York')).toEqual([
      { utcStartMinute: 1500, utcEndMinute: 1560 }
    ]);
    // Monday 01:00–03:00 in Athens (UTC+2) starts on Sunday 23:00 UTC: split at the end of the week.
    expect(availabilityToUtc([{ day: 0, start: '01:00', end: '03:00' }], 'Europe/Athens')).toEqual([
      { utcStartMinute: 10020, utcEndMinute: 10080 },
      { utcStartMinute: 0, utcEndMinute: 60 }
    ]);
  });

  it('applies each day its own offset in a week with a DST change (EU: Sunday 29 March 2026)', () => {
    const week = '2026-03-23T00:00:00Z';
    const weekend = [
      { day: 5, start: '10:00', end: '12:00' },
      { day: 6, start: '10:00', end: '12:00' }
    ];
    const sat = 5 * 1440;
    const sun = 6 * 1440;
    // Lisbon: UTC+0 on Saturday, UTC+1 on Sunday.
    expect(availabilityToUtc(weekend, 'Europe/Lisbon', week)).toEqual([
      { utcStartMinute: sat + 600, utcEndMinute: sat + 720 },
      { utcStartMinute: sun + 540, utcEndMinute: sun + 660 }
    ]);
    // Athens: UTC+2 on Saturday, UTC+3 on Sunday.
    expect(availabilityToUtc(weekend, 'Europe/Athens', week)).toEqual([
      { utcStartMinute: sat + 480, utcEndMinute: sat + 600 },
      { utcStartMinute: sun + 420, utcEndMinute: sun + 540 }
    ]);
    // New York changed on 8 March: UTC−4 on both days.
    expect(availabilityToUtc(weekend, 'America/New_York', week)).toEqual([
      { utcStartMinute: sat + 840, utcEndMinute: sat + 960 },
      { utcStartMinute: sun + 840, utcEndMinute: sun + 960 }
    ]);
  });
});

describe('PROFILE_LIMITS', () => {
  it('names what breaks a cap, and writeProfile keeps the app within them', () => {
    expect(profileFieldProblem('bio', 'x'.repeat(PROFILE_LIMITS.bio))).toBeNull();
    expect(profileFieldProblem('bio', 'x'.repeat(PROFILE_LIMITS.bio + 1))).toBe(
      `bio is at most ${PROFILE_LIMITS.bio} characters`
    );
    const slots = Array.from({ length: PROFILE_LIMITS.availabilitySlots + 1 }, () => ({
      day: 0,
      start: '09:00',
      end: '10:00'
    }));
    expect(profileFieldProblem('availability', slots)).toMatch(
      new RegExp(`^availability has ${PROFILE_LIMITS.availabilitySlots + 1} blocks`)
    );
    expect(profileFieldProblem('sectors', ['x'.repeat(PROFILE_LIMITS.itemLength + 1)])).toMatch(
      /^sectors: every entry/
    );
    expect(profileFieldProblem('isAdmin', true)).toBe('isAdmin is not a profile field');

    const doc = new Y.Doc();
    writeProfile(doc, { bio: 'y'.repeat(10_000), availability: slots });
    const map = doc.getMap('profile');
    expect(profileFieldProblem('bio', map.get('bio'))).toBeNull();
    expect(profileFieldProblem('availability', map.get('availability'))).toBeNull();
  });
});
