import fc from 'fast-check';
import type { CohortInput } from './schema.ts';

/**
 * fast-check arbitraries of small random cohorts, for the property tests only (not part of the public face).
 * Sizes are tiny so a brute force over every feasible assignment stays cheap.
 */
const SECTORS = ['music', 'film', 'games', 'design'];
const SKILLS = ['audio', 'funding', 'ux', 'writing', 'pitching'];
const GOALS = ['portfolio', 'network', 'funding'];
const LANGUAGES = ['en', 'fr', 'es'];
const ZONES = ['UTC', 'UTC+05:30', 'UTC-05:00', 'UTC+09:00', 'Europe/Berlin'];
const DAYS = ['mon', 'tue', 'wed'] as const;

const tags = (vocab: string[]) => fc.subarray(vocab, { maxLength: 3 });
const block = fc.record({
  day: fc.constantFrom(...DAYS),
  startHour: fc.integer({ min: 0, max: 22 }),
  hours: fc.integer({ min: 1, max: 4 })
});
const person = fc.record({
  sectors: tags(SECTORS),
  skills: tags(SKILLS),
  goals: tags(GOALS),
  languages: fc.subarray(LANGUAGES, { minLength: 1, maxLength: 2 }),
  timeZone: fc.constantFrom(...ZONES),
  blocks: fc.array(block, { maxLength: 2 }),
  organisation: fc.constantFrom('a', 'b', undefined)
});

function availability(blocks: ReadonlyArray<{ day: (typeof DAYS)[number]; startHour: number; hours: number }>) {
  const hh = (h: number) => `${String(Math.min(h, 24)).padStart(2, '0')}:00`;
  return blocks.map((b) => ({ day: b.day, start: hh(b.startHour), end: hh(Math.min(24, b.startHour + b.hours)) }));
}

/** Options of {@link cohortArbitrary}. */
export interface CohortShape {
  readonly maxMentees: number;
  readonly maxMentors: number;
  readonly maxCapacity: number;
  readonly rankings?: boolean;
  readonly exclusions?: boolean;
}

/** A random valid cohort: locks are repaired so they are consistent (one per mentee, within capacity). */
export function cohortArbitrary(shape: CohortShape): fc.Arbitrary<CohortInput> {
  return fc
    .record({
      mentees: fc.array(fc.record({ p: person, ranking: fc.array(fc.nat(9), { maxLength: 3 }) }), {
        maxLength: shape.maxMentees
      }),
      mentors: fc.array(fc.record({ p: person, capacity: fc.integer({ min: 0, max: shape.maxCapacity }) }), {
        maxLength: shape.maxMentors
      }),
      weights: fc.record({
        sectors: fc.integer({ min: 0, max: 30 }),
        skills: fc.integer({ min: 0, max: 50 }),
        goals: fc.integer({ min: 0, max: 30 }),
        languages: fc.integer({ min: 0, max: 10 }),
        timeZone: fc.integer({ min: 0, max: 10 }),
        availability: fc.integer({ min: 0, max: 20 }),
        preference: fc.integer({ min: 0, max: 20 })
      }),
      rules: fc.record({
        sharedLanguage: fc.boolean(),
        maxTimeZoneGapHours: fc.constantFrom(null, 3, 8),
        minOverlapMinutes: fc.constantFrom(0, 0, 60),
        differentOrganisation: fc.boolean()
      }),
      pairs: fc.array(fc.record({ e: fc.nat(9), m: fc.nat(9), kind: fc.constantFrom('lock', 'forbid', 'past') }), {
        maxLength: 4
      }),
      maximizeMatched: fc.boolean()
    })
    .map(({ mentees, mentors, weights, rules, pairs, maximizeMatched }) => {
      const menteeIds = mentees.map((_, i) => `e-${i}`);
      const mentorIds = mentors.map((_, i) => `m-${i}`);
      const locked = new Set<string>();
      const lockLoad = new Map<string, number>();
      const lockedPairs: Array<{ mentee: string; mentor: string }> = [];
      const forbiddenPairs: Array<{ mentee: string; mentor: string }> = [];
      const pastPairs: Array<{ mentee: string; mentor: string }> = [];
      const lockKeys = new Set<string>();
      if (menteeIds.length > 0 && mentorIds.length > 0) {
        for (const { e, m, kind } of pairs) {
          const mentee = menteeIds[e % menteeIds.length]!;
          const mentorAt = m % mentorIds.length;
          const mentor = mentorIds[mentorAt]!;
          if (kind === 'lock') {
            const load = lockLoad.get(mentor) ?? 0;
            if (locked.has(mentee) || load >= mentors[mentorAt]!.capacity) continue;
            locked.add(mentee);
            lockLoad.set(mentor, load + 1);
            lockKeys.add(`${mentee}|${mentor}`);
            lockedPairs.push({ mentee, mentor });
          } else if (shape.exclusions !== false && !lockKeys.has(`${mentee}|${mentor}`)) {
            (kind === 'forbid' ? forbiddenPairs : pastPairs).push({ mentee, mentor });
          }
        }
      }
      // A later lock must not hit an earlier exclusion: drop exclusions that collide with locks.
      const clean = (list: typeof forbiddenPairs) => list.filter((p) => !lockKeys.has(`${p.mentee}|${p.mentor}`));
      const cohort: CohortInput = {
        settings: {
          weights,
          rules,
          lockedPairs,
          forbiddenPairs: clean(forbiddenPairs),
          pastPairs: clean(pastPairs),
          maximizeMatched
        },
        mentors: mentors.map(({ p, capacity }, i) => ({
          id: mentorIds[i]!,
          sectors: p.sectors,
          skills: p.skills,
          goals: p.goals,
          languages: p.languages,
          timeZone: p.timeZone,
          availability: availability(p.blocks),
          ...(p.organisation ? { organisation: p.organisation } : {}),
          capacity
        })),
        mentees: mentees.map(({ p, ranking }, i) => ({
          id: menteeIds[i]!,
          sectors: p.sectors,
          skills: p.skills,
          goals: p.goals,
          languages: p.languages,
          timeZone: p.timeZone,
          availability: availability(p.blocks),
          ...(p.organisation ? { organisation: p.organisation } : {}),
          ranking:
            shape.rankings === false || mentorIds.length === 0
              ? []
              : [...new Set(ranking.map((r) => mentorIds[r % mentorIds.length]!))]
        }))
      };
      return cohort;
    });
}
