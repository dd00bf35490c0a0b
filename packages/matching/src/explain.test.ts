import { describe, expect, it } from 'vitest';
import { MatchingInputError } from './errors.ts';
import { matchCohort } from './match.ts';
import type { CohortInput } from './schema.ts';
import { findBlockingPairs } from './stability.ts';
import { availabilityToUtcIntervals, utcOffsetMinutes } from './time.ts';

const evening = [{ day: 'tue' as const, start: '18:00', end: '20:00' }];
const mentor = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  languages: ['en'],
  skills: ['ux'],
  availability: evening,
  capacity: 1,
  ...extra
});
const mentee = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  languages: ['en'],
  skills: ['ux'],
  availability: evening,
  ...extra
});

describe('explanations', () => {
  it('breaks a score down by criterion with the facts behind it', () => {
    const result = matchCohort({
      settings: {
        weights: { sectors: 10, skills: 40, goals: 20, languages: 5, timeZone: 10, availability: 15, preference: 0 }
      },
      mentors: [
        mentor('m-1', {
          sectors: ['film'],
          skills: ['ux', 'audio'],
          goals: ['network'],
          timeZone: 'UTC+02:00',
          availability: [{ day: 'tue', start: '19:00', end: '21:00' }]
        })
      ],
      mentees: [mentee('e-1', { sectors: ['film', 'music'], skills: ['ux', 'audio', 'writing'], goals: ['network'] })]
    });
    const [pair] = result.pairs;
    // sectors 1/2 of 10, skills 2/3 of 40 = 26.67 → 27, goals 20, languages 5, 2 h gap = 10·(10/12) → 8,
    // the mentor's 19:00–21:00 at UTC+2 is 17:00–19:00 UTC: 60 min overlap of a 240 min target = 15/4 → 4.
    expect(pair!.breakdown).toEqual({
      sectors: 5,
      skills: 27,
      goals: 20,
      languages: 5,
      timeZone: 8,
      availability: 4,
      preference: 0
    });
    expect(pair!.score).toBe(69);
    expect(pair!.details).toMatchObject({
      matchedSkills: ['audio', 'ux'],
      timeZoneGapHours: 2,
      overlapMinutesPerWeek: 60,
      sharedSectors: ['film']
    });
    expect(pair!.rulesMet).toEqual(['sharedLanguage']);
  });

  it('says which rules excluded every mentor, and when eligible mentors are all full', () => {
    const cohort: CohortInput = {
      settings: {
        rules: { sharedLanguage: true, maxTimeZoneGapHours: 3, minOverlapMinutes: 60, differentOrganisation: true },
        forbiddenPairs: [{ mentee: 'e-2', mentor: 'm-b' }]
      },
      mentors: [
        mentor('m-a', { organisation: 'Acme' }),
        mentor('m-b', { languages: ['fr'], timeZone: 'Asia/Tokyo' }),
        mentor('m-c', { capacity: 0 })
      ],
      mentees: [
        mentee('e-1', { organisation: 'Other' }),
        mentee('e-2', { organisation: 'ACME' }),
        mentee('e-3', { skills: [] })
      ]
    };
    const result = matchCohort(cohort);
    expect(result.pairs.map((p) => [p.mentee, p.mentor])).toEqual([['e-1', 'm-a']]);
    expect(result.unmatchedMentees).toEqual([
      {
        mentee: 'e-2',
        reason: 'no-eligible-mentor',
        excludedBy: {
          differentOrganisation: 1,
          sharedLanguage: 1,
          maxTimeZoneGap: 1,
          minOverlap: 1,
          notForbidden: 1,
          mentorHasCapacity: 1
        }
      },
      { mentee: 'e-3', reason: 'capacity-exhausted', eligibleMentors: 1, bestEligible: ['m-a'] }
    ]);
    expect(result.mentorsWithRoom).toEqual([
      {
        mentor: 'm-b',
        capacity: 1,
        used: 0,
        reason: 'no-eligible-mentee',
        excludedBy: { sharedLanguage: 3, maxTimeZoneGap: 3, minOverlap: 3, notForbidden: 1 }
      }
    ]);
  });

  it('reports a mentor whose eligible mentees were all matched, and mentors full by locked pairs', () => {
    const result = matchCohort({
      settings: { lockedPairs: [{ mentee: 'e-1', mentor: 'm-a' }] },
      mentors: [mentor('m-a'), mentor('m-b', { capacity: 3 })],
      mentees: [mentee('e-1'), mentee('e-2')]
    });
    expect(result.pairs.map((p) => [p.mentee, p.mentor, p.locked])).toEqual([
      ['e-1', 'm-a', true],
      ['e-2', 'm-b', false]
    ]);
    expect(result.mentorsWithRoom).toEqual([
      { mentor: 'm-b', capacity: 3, used: 1, reason: 'eligible-mentees-all-matched', eligibleMentees: 1 }
    ]);
  });

  it('lists the rules a locked pair breaks', () => {
    const result = matchCohort({
      settings: { lockedPairs: [{ mentee: 'e-1', mentor: 'm-a' }] },
      mentors: [mentor('m-a', { languages: ['fr'] })],
      mentees: [mentee('e-1')]
    });
    expect(result.pairs[0]).toMatchObject({ locked: true, rulesBroken: ['sharedLanguage'] });
  });
});

describe('the blocking-pair checker', () => {
  const cohort: CohortInput = {
    mentors: [mentor('m-good', { skills: ['ux', 'audio'] }), mentor('m-poor', { skills: ['audio'] })],
    mentees: [mentee('e-1', { skills: ['ux', 'writing'] }), mentee('e-2', { skills: ['ux', 'audio'] })]
  };
  it('finds a pair that would both rather be together', () => {
    // e-2 is the best mentee for m-good and m-good is e-2's best mentor, but they are apart.
    const found = findBlockingPairs(cohort, [
      { mentee: 'e-1', mentor: 'm-good' },
      { mentee: 'e-2', mentor: 'm-poor' }
    ]);
    expect(found).toEqual({ count: 1, pairs: [{ mentee: 'e-2', mentor: 'm-good' }] });
  });
  it('counts an unmatched mentee and a mentor with room as blocking', () => {
    expect(findBlockingPairs(cohort, [{ mentee: 'e-2', mentor: 'm-good' }]).count).toBe(1);
    expect(
      findBlockingPairs(cohort, [
        { mentee: 'e-2', mentor: 'm-good' },
        { mentee: 'e-1', mentor: 'm-poor' }
      ]).count
    ).toBe(0);
  });
  it('honours a mentee ranking over scores', () => {
    const ranked = { ...cohort, mentees: [cohort.mentees[0]!, { ...cohort.mentees[1]!, ranking: ['m-poor'] }] };
    expect(
      findBlockingPairs(ranked, [
        { mentee: 'e-2', mentor: 'm-good' },
        { mentee: 'e-1', mentor: 'm-poor' }
      ]).count
    ).toBe(1);
    expect(matchCohort(ranked, { mode: 'stable' }).pairs.map((p) => [p.mentee, p.mentor])).toEqual([
      ['e-1', 'm-good'],
      ['e-2', 'm-poor']
    ]);
  });
  it('rejects an assignment over capacity', () => {
    expect(() =>
      findBlockingPairs(cohort, [
        { mentee: 'e-1', mentor: 'm-good' },
        { mentee: 'e-2', mentor: 'm-good' }
      ])
    ).toThrow('exceeds the capacity of mentor "m-good"');
  });
});

describe('invalid input', () => {
  const base = { mentors: [mentor('m-1')], mentees: [mentee('e-1')] };
  const cases: Array<[string, unknown, string]> = [
    [
      'unknown mentor in a lock',
      { ...base, settings: { lockedPairs: [{ mentee: 'e-1', mentor: 'm-99' }] } },
      'locked pair references unknown mentor "m-99"'
    ],
    [
      'unknown mentee in a forbidden pair',
      { ...base, settings: { forbiddenPairs: [{ mentee: 'e-9', mentor: 'm-1' }] } },
      'forbidden pair references unknown mentee "e-9"'
    ],
    [
      'negative capacity',
      { ...base, mentors: [mentor('m-1', { capacity: -1 })] },
      'mentors.0.capacity: capacity must be at least 0'
    ],
    [
      'capacity above 5',
      { ...base, mentors: [mentor('m-1', { capacity: 6 })] },
      'mentors.0.capacity: capacity must be at most 5'
    ],
    ['duplicate ids', { ...base, mentors: [mentor('m-1'), mentor('m-1')] }, 'duplicate mentor id "m-1"'],
    [
      'negative weight',
      { ...base, settings: { weights: { skills: -5 } } },
      'settings.weights.skills: weight must not be negative'
    ],
    [
      'unknown time zone',
      { ...base, mentees: [mentee('e-1', { timeZone: 'Mars/Olympus' })] },
      'unknown time zone "Mars/Olympus"'
    ],
    [
      'locks over capacity',
      {
        ...base,
        mentees: [mentee('e-1'), mentee('e-2')],
        settings: {
          lockedPairs: [
            { mentee: 'e-1', mentor: 'm-1' },
            { mentee: 'e-2', mentor: 'm-1' }
          ]
        }
      },
      'mentor "m-1" has more locked pairs than capacity (1)'
    ],
    [
      'a pair both locked and forbidden',
      {
        ...base,
        settings: {
          lockedPairs: [{ mentee: 'e-1', mentor: 'm-1' }],
          forbiddenPairs: [{ mentee: 'e-1', mentor: 'm-1' }]
        }
      },
      'is both locked and a forbidden pair'
    ],
    [
      'ranking an unknown mentor',
      { ...base, mentees: [mentee('e-1', { ranking: ['m-2'] })] },
      'mentee "e-1" ranks unknown mentor "m-2"'
    ],
    [
      'a block ending before it starts',
      { ...base, mentees: [mentee('e-1', { availability: [{ day: 'mon', start: '10:00', end: '09:00' }] })] },
      'mentee "e-1".availability.0: a block must end after it starts'
    ],
    ['an unknown field', { ...base, settings: { wieghts: {} } }, 'wieghts'],
    ['mentors missing', { mentees: [] }, 'mentors']
  ];
  it.each(cases)('%s', (_name, input, message) => {
    expect(() => matchCohort(input)).toThrow(MatchingInputError);
    expect(() => matchCohort(input)).toThrow(message);
  });
});

describe('time zones and availability', () => {
  it('reads IANA zones at the reference date and fixed offsets', () => {
    expect(utcOffsetMinutes('Europe/Berlin', '2026-01-15T12:00:00Z')).toBe(60);
    expect(utcOffsetMinutes('Europe/Berlin', '2026-07-15T12:00:00Z')).toBe(120);
    expect(utcOffsetMinutes('UTC+05:30', '2026-01-15T12:00:00Z')).toBe(330);
    expect(utcOffsetMinutes('UTC-3', '2026-01-15T12:00:00Z')).toBe(-180);
  });
  it('turns local blocks into UTC minutes of the week, wrapping around Monday 00:00', () => {
    // Monday 01:00–03:00 at UTC+02:00 is Sunday 23:00 – Monday 01:00 UTC.
    expect(availabilityToUtcIntervals([{ day: 'mon', start: '01:00', end: '03:00' }], 120, 'x')).toEqual([
      0, 60, 10020, 10080
    ]);
    expect(
      availabilityToUtcIntervals(
        [
          { utcStartMinute: 0, utcEndMinute: 60 },
          { day: 'mon', start: '00:30', end: '02:00' }
        ],
        0,
        'x'
      )
    ).toEqual([0, 120]);
  });
});
