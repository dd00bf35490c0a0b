import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCandidates, completeRow, fullRow, sortedRow, unsortedRow } from './candidates.ts';
import { compileCohort } from './model.ts';
import { parseCohort } from './parse.ts';
import { SCORER_LIMITS } from './mentor-index.ts';
import { Scorer } from './scoring.ts';
import { cohortArbitrary } from './test-cohorts.ts';

/** Mentee `i`'s eligible mentors from the plain pair-by-pair scorer, best first (score descending, then mentor). */
function referenceRow(scorer: Scorer, i: number): Array<[number, number]> {
  const m = scorer.model.mentors.length;
  const mentor = new Int32Array(m);
  const score = new Int32Array(m);
  const count = scorer.scoreRowSimple(i, mentor, score);
  const row = Array.from(mentor.subarray(0, count), (j, x): [number, number] => [j, score[x]!]);
  return row.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

const cohorts = fc.tuple(
  cohortArbitrary({ maxMentees: 20, maxMentors: 40, maxCapacity: 3 }),
  fc.array(fc.boolean(), { maxLength: 20 })
);

describe('buildCandidates', () => {
  for (const [name, limits] of [
    ['rows bucketed by score', SCORER_LIMITS],
    ['rows counting-sorted', { ...SCORER_LIMITS, buckets: 0 }]
  ] as const) {
    it(`keeps every listed mentee's best k eligible mentors, best first, and all of them when asked (${name})`, () => {
      fc.assert(
        fc.property(cohorts, fc.constantFrom(1, 2, 16, Infinity), fc.boolean(), ([cohort, listed], k, keepAll) => {
          const model = compileCohort(parseCohort(cohort));
          const scorer = new Scorer(model, undefined, limits);
          const n = model.mentees.length;
          const m = model.mentors.length;
          const mentees = Int32Array.from({ length: n }, (_, i) => i).filter((i) => listed[i] ?? true);
          const lists = buildCandidates(scorer, mentees, n, k, keepAll);
          const mentorEligible = new Array<number>(m).fill(0);
          let used = 0;
          let allUsed = 0;
          for (let i = 0; i < n; i++) {
            expect(lists.start[i]).toBe(used);
            if (lists.all) expect(lists.all.start[i]).toBe(allUsed);
            if (!mentees.includes(i)) continue;
            const row = referenceRow(scorer, i);
            const take = Math.min(k, row.length);
            const kept = Array.from(lists.mentor.subarray(used, used + take), (j, x): [number, number] => [
              j,
              lists.score[used + x]!
            ]);
            expect(kept).toEqual(row.slice(0, take));
            expect(lists.start[i + 1]).toBe(used + take);
            expect(lists.eligibleCount[i]).toBe(row.length);
            expect(lists.prunedMax[i]).toBe(row.length > k ? row[k]![1] : -1);
            for (const [j] of row) mentorEligible[j]!++;
            used += take;
            if (lists.all) {
              const all = completeRow(scorer, lists, i);
              expect(Array.from(all.mentor, (j, x): [number, number] => [j, all.score[x]!])).toEqual(row);
              allUsed += row.length;
            }
          }
          expect(lists.start[n]).toBe(used);
          expect(lists.mentor.length).toBe(used);
          expect(Array.from(lists.mentorEligible)).toEqual(mentorEligible);
          expect(lists.all === undefined).toBe(!keepAll);
          if (lists.all) expect(lists.all.mentor.length).toBe(allUsed);
        }),
        { numRuns: 200, seed: 31 }
      );
    });
  }

  it('gives the same complete rows from fullRow, sortedRow(unsortedRow) and completeRow without kept pairs', () => {
    fc.assert(
      fc.property(cohorts, ([cohort]) => {
        const model = compileCohort(parseCohort(cohort));
        const scorer = new Scorer(model);
        const n = model.mentees.length;
        const lists = buildCandidates(
          scorer,
          Int32Array.from({ length: n }, (_, i) => i),
          n,
          2
        );
        for (let i = 0; i < n; i++) {
          const expected = referenceRow(scorer, i);
          for (const row of [fullRow(scorer, i), sortedRow(unsortedRow(scorer, i)), completeRow(scorer, lists, i)]) {
            expect(Array.from(row.mentor, (j, x): [number, number] => [j, row.score[x]!])).toEqual(expected);
          }
        }
      }),
      { numRuns: 100, seed: 32 }
    );
  });
});
