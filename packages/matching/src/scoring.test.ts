import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCohort } from './model.ts';
import { parseCohort } from './parse.ts';
import { SCORER_LIMITS, type ScorerLimits } from './mentor-index.ts';
import { Scorer } from './scoring.ts';
import type { CohortInput } from './schema.ts';
import { cohortArbitrary } from './test-cohorts.ts';

/** Limits of 0 force every path that needs no index: merged intervals, popcounts, zone ORs, no buckets. */
const NO_INDEXES: ScorerLimits = { prefix: 0, slotBits: 0, tagBits: 0, reachable: 0, buckets: 0 };
/** Prefix sums but no slot bitsets: overlaps pair by pair from the prefix sums. */
const PREFIX_ONLY: ScorerLimits = { ...NO_INDEXES, prefix: SCORER_LIMITS.prefix };

const medium = cohortArbitrary({ maxMentees: 20, maxMentors: 40, maxCapacity: 3 });

/**
 * The same cohorts with extra sectors, skills and languages from vocabularies of 100 tags each, so the tag bitsets
 * span several words and mentees may have more tags than one subset lookup takes.
 */
const largeVocabularies = fc
  .tuple(medium, fc.array(fc.nat(299), { minLength: 150, maxLength: 300 }))
  .map(([cohort, extra]): CohortInput => {
    const people = [...cohort.mentors, ...cohort.mentees];
    extra.forEach((tag, k) => {
      const p = people[k % Math.max(1, people.length)];
      if (!p) return;
      const field = (['sectors', 'skills', 'languages'] as const)[tag % 3]!;
      p[field] = [...new Set([...(p[field] ?? []), `${field}-${tag}`])];
    });
    return cohort;
  });

describe('Scorer.scoreRow', () => {
  for (const [name, limits, cohorts] of [
    ['with every index', SCORER_LIMITS, medium],
    ['with every index, large vocabularies', SCORER_LIMITS, largeVocabularies],
    ['with prefix sums only', PREFIX_ONLY, medium],
    ['with no index', NO_INDEXES, medium],
    ['with no index, large vocabularies', NO_INDEXES, largeVocabularies]
  ] as const) {
    it(`gives exactly the rows of the plain pair-by-pair scorer, and agrees with failedRules/pairScore (${name})`, () => {
      fc.assert(
        fc.property(cohorts, (cohort) => {
          const model = compileCohort(parseCohort(cohort));
          const scorer = new Scorer(model, undefined, limits);
          const m = model.mentors.length;
          for (let i = 0; i < model.mentees.length; i++) {
            const fast = { mentor: new Int32Array(m), score: new Int32Array(m) };
            const plain = { mentor: new Int32Array(m), score: new Int32Array(m) };
            const nf = scorer.scoreRow(i, fast.mentor, fast.score);
            const np = scorer.scoreRowSimple(i, plain.mentor, plain.score);
            expect(Array.from(fast.mentor.subarray(0, nf))).toEqual(Array.from(plain.mentor.subarray(0, np)));
            expect(Array.from(fast.score.subarray(0, nf))).toEqual(Array.from(plain.score.subarray(0, np)));
            const eligible = [];
            for (let j = 0; j < m; j++) if (model.capacity[j]! > 0 && scorer.failedRules(i, j) === 0) eligible.push(j);
            expect(Array.from(fast.mentor.subarray(0, nf))).toEqual(eligible);
            for (let x = 0; x < nf; x++) expect(fast.score[x]).toBe(scorer.pairScore(i, fast.mentor[x]!));
          }
        }),
        { numRuns: limits === SCORER_LIMITS && cohorts === medium ? 300 : 100, seed: 21 }
      );
    });
  }

  it('buckets the same rows by score (scoreRowByScore), ties in mentor order', () => {
    fc.assert(
      fc.property(medium, (cohort) => {
        const model = compileCohort(parseCohort(cohort));
        const scorer = new Scorer(model);
        const m = model.mentors.length;
        expect(scorer.canBucket).toBe(true);
        const byScore = new Int32Array((scorer.maxScore + 1) * m);
        const counts = new Int32Array(scorer.maxScore + 1);
        for (let i = 0; i < model.mentees.length; i++) {
          const plain = { mentor: new Int32Array(m), score: new Int32Array(m) };
          const np = scorer.scoreRowSimple(i, plain.mentor, plain.score);
          counts.fill(0);
          expect(scorer.scoreRowByScore(i, byScore, counts)).toBe(np);
          const read: Array<[number, number]> = [];
          for (let s = scorer.maxScore; s >= 0; s--)
            for (let k = 0; k < counts[s]!; k++) read.push([byScore[s * m + k]!, s]);
          const expected = Array.from(plain.mentor.subarray(0, np), (j, x): [number, number] => [j, plain.score[x]!]);
          expected.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
          expect(read).toEqual(expected);
        }
      }),
      { numRuns: 200, seed: 22 }
    );
  });

  it('scores tag lists longer than 255 by the documented formula (regression: the count was kept in a byte)', () => {
    const skills = Array.from({ length: 300 }, (_, k) => `skill-${k}`);
    const model = compileCohort(
      parseCohort({
        settings: {
          weights: { sectors: 0, skills: 40, goals: 0, languages: 0, timeZone: 0, availability: 0, preference: 0 }
        },
        mentors: [
          { id: 'm-1', skills, languages: ['en'], timeZone: 'UTC', capacity: 1 },
          { id: 'm-2', skills: skills.slice(0, 146), languages: ['en'], timeZone: 'UTC', capacity: 1 }
        ],
        mentees: [{ id: 'e-1', skills, languages: ['en'], timeZone: 'UTC' }]
      })
    );
    const scorer = new Scorer(model);
    // All 300 wanted skills: the full 40 points (a set size capped at 255 gave round(40 × 300 / 255) = 47).
    expect(scorer.pairScore(0, 0)).toBe(40);
    // 146 of 300: round(40 × 146 / 300) = round(19.47) = 19 (the cap gave round(22.9) = 23).
    expect(scorer.pairScore(0, 1)).toBe(19);
    const counts = new Int32Array(41);
    const byScore = new Int32Array(41 * 2);
    expect(scorer.scoreRowByScore(0, byScore, counts)).toBe(2);
    expect([counts[40], counts[19]]).toEqual([1, 1]);
    const mentor = new Int32Array(2);
    const score = new Int32Array(2);
    expect(scorer.scoreRow(0, mentor, score)).toBe(2);
    expect(Array.from(score)).toEqual([40, 19]);
  });
});
