import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fastParseCohort, parseCohort } from '@mop/matching';
import { PROFILE_LIMITS, readProfile, writeProfile, type MatchingProfilePatch } from '@mop/shared';
import { toMatchingPerson } from './to-matching-person.ts';

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

describe('toMatchingPerson', () => {
  it('produces cohort entries the engine accepts', () => {
    const doc = new Y.Doc();
    writeProfile(doc, { ...mentee, ranking: ['m-1', 'm-unknown'] });
    const menteeInput = toMatchingPerson('e-1', readProfile(doc), 'mentee', { knownMentorIds: new Set(['m-1']) });
    const mentorDoc = new Y.Doc();
    writeProfile(mentorDoc, {
      ...mentee,
      skillsWanted: [],
      skillsOffered: ['fundraising'],
      capacity: 3,
      organisation: 'Casa da Música'
    });
    const mentorInput = toMatchingPerson('m-1', readProfile(mentorDoc), 'mentor', { capacity: 2 });
    expect(menteeInput).toMatchObject({
      id: 'e-1',
      skills: ['fundraising'],
      ranking: ['m-1'],
      availability: [{ utcStartMinute: 2520, utcEndMinute: 2640 }]
    });
    expect(mentorInput).toMatchObject({
      id: 'm-1',
      skills: ['fundraising'],
      capacity: 2,
      organisation: 'Casa da Música'
    });
    expect(() => parseCohort({ mentors: [mentorInput], mentees: [menteeInput] })).not.toThrow();
    // The server's cohorts take the engine's fast validation path (valibot only names the problem of a bad one).
    expect(fastParseCohort({ mentors: [mentorInput], mentees: [menteeInput] })).not.toBeNull();
  });

  it('cuts a profile stored before the caps (60,000 availability blocks, long lists) to PROFILE_LIMITS', () => {
    const doc = new Y.Doc();
    // Written straight into the map, as an old or hostile client could have before the server checked profiles.
    doc.transact(() => {
      const map = doc.getMap('profile');
      map.set(
        'availability',
        Array.from({ length: 60_000 }, (_, i) => ({ day: i % 7, start: '09:00', end: '10:00' }))
      );
      map.set(
        'sectors',
        Array.from({ length: 5000 }, (_, i) => `sector-${i}`)
      );
      map.set('bio', 'x'.repeat(100_000));
    });
    const profile = readProfile(doc);
    expect(profile.availability).toHaveLength(PROFILE_LIMITS.availabilitySlots);
    expect(profile.sectors).toHaveLength(PROFILE_LIMITS.listItems);
    expect(profile.bio).toHaveLength(PROFILE_LIMITS.bio);
    const person = toMatchingPerson(
      'e-1',
      { ...profile, availability: Array(60_000).fill(profile.availability[0]) },
      'mentee'
    );
    expect((person.availability ?? []).length).toBeLessThanOrEqual(PROFILE_LIMITS.availabilitySlots * 2);
  });
});
