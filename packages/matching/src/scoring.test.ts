import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCohort } from './model.ts';
import { parseCohort } from './schema.ts';
import { Scorer } from './scoring.ts';
import { cohortArbitrary } from './test-cohorts.ts';

describe('Scorer.scoreRow', () => {
  it('gives exactly the rows of the plain pair-by-pair scorer, and agrees with failedRules/pairScore', () => {
    const medium = cohortArbitrary({ maxMentees: 20, maxMentors: 40, maxCapacity: 3 });
    fc.assert(
      fc.property(medium, (cohort) => {
        const model = compileCohort(parseCohort(cohort));
        const scorer = new Scorer(model);
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
      { numRuns: 300, seed: 21 }
    );
  });
});
