import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchCohort } from './match.ts';
import type { CohortInput } from './schema.ts';

/**
 * `optimal` against brute force, with every pair scored here from the README's formula and nothing of the engine's
 * scorer: tag lists up to several hundred items (past the 255 a byte holds), weights up to their maximum of 1,000.
 * Time zones are fixed offsets and availability is given in UTC minutes, so the formula needs no time-zone database.
 */
const VOCABULARY = Array.from({ length: 700 }, (_, k) => `t${k}`);
const LANGUAGES = ['en', 'fr', 'es'];

const tagList = fc.oneof(
  { weight: 3, arbitrary: fc.subarray(VOCABULARY.slice(0, 6), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.subarray(VOCABULARY, { minLength: 200, maxLength: 450 }) }
);
const block = fc
  .tuple(fc.integer({ min: 0, max: 10079 }), fc.integer({ min: 30, max: 600 }))
  .map(([s, len]) => ({ utcStartMinute: s, utcEndMinute: Math.min(10080, s + len) }));
const person = fc.record({
  sectors: tagList,
  skills: tagList,
  goals: tagList,
  languages: fc.subarray(LANGUAGES, { minLength: 1, maxLength: 2 }),
  offsetHours: fc.integer({ min: -12, max: 14 }),
  availability: fc.array(block, { maxLength: 3 }),
  organisation: fc.constantFrom('a', 'B ', undefined)
});
const weight = fc.oneof(fc.constant(1000), fc.integer({ min: 0, max: 1000 }));

const cohorts = fc
  .record({
    mentees: fc.array(fc.record({ p: person, ranking: fc.array(fc.nat(3), { maxLength: 3 }) }), { maxLength: 6 }),
    mentors: fc.array(fc.record({ p: person, capacity: fc.integer({ min: 0, max: 2 }) }), {
      minLength: 1,
      maxLength: 4
    }),
    weights: fc.record({
      sectors: weight,
      skills: weight,
      goals: weight,
      languages: weight,
      timeZone: weight,
      availability: weight,
      preference: weight
    }),
    rules: fc.record({
      sharedLanguage: fc.boolean(),
      maxTimeZoneGapHours: fc.constantFrom(null, 4, 9),
      minOverlapMinutes: fc.constantFrom(0, 0, 30),
      differentOrganisation: fc.boolean()
    }),
    availabilityTargetMinutes: fc.constantFrom(60, 240),
    maximizeMatched: fc.boolean()
  })
  .map(({ mentees, mentors, weights, rules, availabilityTargetMinutes, maximizeMatched }): CohortInput => {
    const zone = (h: number) => `UTC${h < 0 ? '-' : '+'}${String(Math.abs(h)).padStart(2, '0')}:00`;
    const profile = ({ offsetHours, organisation, ...p }: typeof person extends fc.Arbitrary<infer T> ? T : never) => ({
      ...p,
      timeZone: zone(offsetHours),
      ...(organisation ? { organisation } : {})
    });
    return {
      settings: { weights, rules, availabilityTargetMinutes, maximizeMatched },
      mentors: mentors.map(({ p, capacity }, k) => ({ id: `m-${k}`, ...profile(p), capacity })),
      mentees: mentees.map(({ p, ranking }, k) => ({
        id: `e-${k}`,
        ...profile(p),
        ranking: [...new Set(ranking.map((r) => `m-${r % mentors.length}`))]
      }))
    };
  });

type Person = NonNullable<CohortInput['mentees']>[number] | NonNullable<CohortInput['mentors']>[number];

const offsetOf = (p: Person) => {
  const m = /^UTC([+-])(\d\d):00$/.exec(p.timeZone!)!;
  return (m[1] === '-' ? -60 : 60) * Number(m[2]);
};
const minutesOf = (p: Person) => {
  const week = new Uint8Array(10080);
  for (const b of p.availability ?? []) {
    if (!('utcStartMinute' in b)) throw new Error('UTC blocks only');
    week.fill(1, b.utcStartMinute, b.utcEndMinute);
  }
  return week;
};

/** The pair's score by the README's formula, or null when a hard rule excludes it. */
function documentedScore(cohort: CohortInput, e: number, r: number): number | null {
  const s = cohort.settings!;
  const w = s.weights as Required<NonNullable<typeof s.weights>>;
  const rules = s.rules!;
  const mentee = cohort.mentees[e]!;
  const mentor = cohort.mentors[r]!;
  if (mentor.capacity === 0) return null;
  const shared = (a: readonly string[] = [], b: readonly string[] = []) =>
    new Set(a).size && [...new Set(a)].filter((t) => b.includes(t)).length;
  const coverage = (weight: number, a: readonly string[] = [], b: readonly string[] = []) =>
    new Set(a).size === 0 ? 0 : Math.round((weight * shared(a, b)) / new Set(a).size);
  const sharesLanguage = shared(mentee.languages, mentor.languages) > 0;
  if (rules.sharedLanguage && !sharesLanguage) return null;
  const d = Math.abs(offsetOf(mentee) - offsetOf(mentor)) % 1440;
  const gap = d > 720 ? 1440 - d : d;
  if (
    rules.maxTimeZoneGapHours !== null &&
    rules.maxTimeZoneGapHours !== undefined &&
    gap > rules.maxTimeZoneGapHours * 60
  )
    return null;
  const a = minutesOf(mentee);
  const b = minutesOf(mentor);
  let overlap = 0;
  for (let t = 0; t < 10080; t++) overlap += a[t]! & b[t]!;
  if (overlap < (rules.minOverlapMinutes ?? 0)) return null;
  const org = (p: Person) => p.organisation?.trim().toLowerCase();
  if (rules.differentOrganisation && org(mentee) && org(mentee) === org(mentor)) return null;
  const target = s.availabilityTargetMinutes!;
  const ranking = 'ranking' in mentee ? (mentee.ranking ?? []) : [];
  const rank = ranking.indexOf(mentor.id);
  return (
    coverage(w.sectors, mentee.sectors, mentor.sectors) +
    coverage(w.skills, mentee.skills, mentor.skills) +
    coverage(w.goals, mentee.goals, mentor.goals) +
    (sharesLanguage ? w.languages : 0) +
    Math.round((w.timeZone * (720 - gap)) / 720) +
    Math.round((w.availability * Math.min(overlap, target)) / target) +
    (rank >= 0 ? Math.round((w.preference * (ranking.length - rank)) / ranking.length) : 0)
  );
}

/** The best (score, matched) — or (matched, score) — over every assignment, by exhaustive search. */
function bruteForce(cohort: CohortInput): { total: number; matched: number } {
  const maximizeMatched = cohort.settings!.maximizeMatched!;
  const options = cohort.mentees.map((_, e) =>
    cohort.mentors.flatMap((_, r) => {
      const score = documentedScore(cohort, e, r);
      return score === null ? [] : [[r, score] as const];
    })
  );
  const load = cohort.mentors.map(() => 0);
  let best = { total: 0, matched: 0 };
  const better = (x: typeof best) =>
    maximizeMatched
      ? x.matched > best.matched || (x.matched === best.matched && x.total > best.total)
      : x.total > best.total || (x.total === best.total && x.matched > best.matched);
  const visit = (k: number, total: number, matched: number) => {
    if (k === options.length) {
      if (better({ total, matched })) best = { total, matched };
      return;
    }
    visit(k + 1, total, matched);
    for (const [r, score] of options[k]!) {
      if (load[r]! >= cohort.mentors[r]!.capacity) continue;
      load[r]!++;
      visit(k + 1, total + score, matched + 1);
      load[r]!--;
    }
  };
  visit(0, 0, 0);
  return best;
}

describe('optimal against brute force, scored by the documented formula', () => {
  it('agrees on random cohorts with tag lists longer than 255 and weights at their maximum', () => {
    let longLists = 0;
    fc.assert(
      fc.property(cohorts, fc.constantFrom('mentees', 'slots') as fc.Arbitrary<'mentees' | 'slots'>, (cohort, side) => {
        if (cohort.mentees.some((e) => (e.skills?.length ?? 0) > 255 || (e.sectors?.length ?? 0) > 255)) longLists++;
        const result = matchCohort(cohort, { insertSide: side });
        for (const pair of result.pairs) {
          const e = cohort.mentees.findIndex((x) => x.id === pair.mentee);
          const r = cohort.mentors.findIndex((x) => x.id === pair.mentor);
          expect(pair.score).toBe(documentedScore(cohort, e, r));
        }
        const best = bruteForce(cohort);
        expect({ total: result.summary.totalScore, matched: result.summary.matched }).toEqual(best);
      }),
      { numRuns: 150, seed: 255 }
    );
    // The long lists were really exercised.
    expect(longLists).toBeGreaterThan(20);
  }, 120_000);
});
