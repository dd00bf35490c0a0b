import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseCohort } from '@mop/matching';
import { readProfile, writeProfile, type MatchingProfilePatch } from '@mop/shared';
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
  });
});
