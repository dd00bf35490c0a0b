import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchCohort, matchRaw, type MatchResult, type Mode } from './match.ts';
import { parseCohort, type CohortInput } from './schema.ts';
import { findBlockingPairs } from './stability.ts';
import { cohortArbitrary } from './test-cohorts.ts';

/** Best (matched, total) over every feasible assignment of the free mentees, by exhaustive search. */
function bruteForce(cohort: CohortInput, maximizeMatched: boolean): { total: number; matched: number } {
  const raw = matchRaw(cohort, { mode: 'greedy' });
  const { scorer, freeMentees, residualCapacity } = raw;
  const load = new Int32Array(residualCapacity.length);
  const options = Array.from(freeMentees, (i) => {
    const list: Array<[number, number]> = [];
    for (let j = 0; j < residualCapacity.length; j++) {
      if (residualCapacity[j]! > 0 && scorer.failedRules(i, j) === 0) list.push([j, scorer.pairScore(i, j)]);
    }
    return list;
  });
  let best = { total: 0, matched: 0 };
  const better = (a: { total: number; matched: number }, b: typeof a) =>
    maximizeMatched ? a.matched > b.matched || (a.matched === b.matched && a.total > b.total) : a.total > b.total;
  const visit = (k: number, total: number, matched: number) => {
    if (k === options.length) {
      if (better({ total, matched }, best)) best = { total, matched };
      return;
    }
    visit(k + 1, total, matched);
    for (const [j, s] of options[k]!) {
      if (load[j]! >= residualCapacity[j]!) continue;
      load[j]!++;
      visit(k + 1, total + s, matched + 1);
      load[j]!--;
    }
  };
  visit(0, 0, 0);
  return best;
}

function freeTotals(result: MatchResult) {
  const free = result.pairs.filter((p) => !p.locked);
  return { total: free.reduce((a, p) => a + p.score, 0), matched: free.length };
}

/** Checks every invariant a result must satisfy whatever the mode. */
function expectValid(cohortInput: CohortInput, result: MatchResult) {
  const cohort = parseCohort(cohortInput);
  const capacity = new Map(cohort.mentors.map((m) => [m.id, m.capacity]));
  const load = new Map<string, number>();
  const seen = new Set<string>();
  const key = (p: { mentee: string; mentor: string }) => `${p.mentee}|${p.mentor}`;
  const locked = new Set(cohort.settings.lockedPairs.map(key));
  const excluded = new Set([...cohort.settings.forbiddenPairs, ...cohort.settings.pastPairs].map(key));
  for (const pair of result.pairs) {
    expect(seen.has(pair.mentee)).toBe(false);
    seen.add(pair.mentee);
    load.set(pair.mentor, (load.get(pair.mentor) ?? 0) + 1);
    expect(excluded.has(key(pair))).toBe(false);
    expect(pair.locked).toBe(locked.has(key(pair)));
    if (!pair.locked) expect(pair.rulesBroken).toEqual([]);
    expect(Object.values(pair.breakdown).reduce((a, b) => a + b, 0)).toBe(pair.score);
  }
  for (const [mentor, used] of load) expect(used).toBeLessThanOrEqual(capacity.get(mentor)!);
  for (const lock of cohort.settings.lockedPairs) expect(result.pairs.some((p) => key(p) === key(lock))).toBe(true);
  expect(result.pairs.length + result.unmatchedMentees.length).toBe(cohort.mentees.length);
  expect(result.summary.totalScore).toBe(result.pairs.reduce((a, p) => a + p.score, 0));
}

const small = cohortArbitrary({ maxMentees: 6, maxMentors: 4, maxCapacity: 2 });

describe('optimal mode', () => {
  it('equals the brute-force optimum on small random cohorts', () => {
    fc.assert(
      fc.property(small, fc.constantFrom(1, 2, 64), (cohort, topK) => {
        const result = matchCohort(cohort, { mode: 'optimal', maximizeMatched: false, topK });
        expect(freeTotals(result).total).toBe(bruteForce(cohort, false).total);
        expectValid(cohort, result);
      }),
      { numRuns: 400, seed: 42 }
    );
  });

  it('inserting mentees or mentor slots (whole or cut columns) gives the brute-force optimum', () => {
    const sides = new Set<string>();
    fc.assert(
      fc.property(small, fc.boolean(), fc.constantFrom('mentees', 'slots', 'auto') as fc.Arbitrary<'mentees' | 'slots' | 'auto'>, fc.constantFrom(1, 2, 256), (cohort, maximizeMatched, insertSide, slotColumnLimit) => {
        const result = matchCohort(cohort, { mode: 'optimal', maximizeMatched, insertSide, slotColumnLimit });
        const best = bruteForce(cohort, maximizeMatched);
        if (maximizeMatched) expect(freeTotals(result)).toEqual(best);
        else expect(freeTotals(result).total).toBe(best.total);
        expectValid(cohort, result);
        const raw = matchRaw(cohort, { mode: 'optimal', maximizeMatched, insertSide, slotColumnLimit });
        if (raw.optimal?.insertedSide) sides.add(`${raw.optimal.insertedSide}:${raw.optimal.rounds}`);
      }),
      { numRuns: 400, seed: 11 }
    );
    // Both sides ran, and a cut column was widened at least once (the second round).
    expect([...sides].sort()).toEqual(expect.arrayContaining(['mentees:1', 'slots:1', 'slots:2']));
  });

  it('with maximizeMatched equals the lexicographic (matched, score) brute-force optimum', () => {
    fc.assert(
      fc.property(small, fc.constantFrom(1, 64), (cohort, topK) => {
        const result = matchCohort(cohort, { mode: 'optimal', maximizeMatched: true, topK });
        expect(freeTotals(result)).toEqual(bruteForce(cohort, true));
      }),
      { numRuns: 300, seed: 7 }
    );
  });

  it('gives the same total whether candidates are pruned to 1, 3 or not at all (certificate is exact)', () => {
    const medium = cohortArbitrary({ maxMentees: 40, maxMentors: 12, maxCapacity: 5 });
    fc.assert(
      fc.property(medium, (cohort) => {
        const full = matchCohort(cohort, { topK: Infinity }).summary;
        for (const topK of [1, 3]) {
          for (const keepAllPairs of [true, false]) {
            const pruned = matchCohort(cohort, { topK, keepAllPairs });
            expect(pruned.summary.totalScore).toBe(full.totalScore);
            expect(pruned.optimal?.certified).toBe(true);
          }
        }
      }),
      { numRuns: 60, seed: 11 }
    );
  });
});

describe('every mode', () => {
  const modes: Mode[] = ['optimal', 'stable', 'greedy'];
  it('respects hard rules, capacities, locks and exclusions, and explanations add up', () => {
    const medium = cohortArbitrary({ maxMentees: 25, maxMentors: 8, maxCapacity: 3 });
    fc.assert(
      fc.property(medium, fc.constantFrom(...modes), fc.boolean(), (cohort, mode, maximizeMatched) => {
        expectValid(cohort, matchCohort(cohort, { mode, maximizeMatched, topK: 2 }));
      }),
      { numRuns: 200, seed: 3 }
    );
  });

  it('stable mode has zero blocking pairs (and the checker agrees with the result summary)', () => {
    const medium = cohortArbitrary({ maxMentees: 25, maxMentors: 8, maxCapacity: 3 });
    fc.assert(
      fc.property(medium, fc.constantFrom(1, 64), (cohort, topK) => {
        const result = matchCohort(cohort, { mode: 'stable', topK, keepAllPairs: topK > 1 });
        expect(result.summary.blockingPairs).toBe(0);
        expect(findBlockingPairs(cohort, result.pairs).count).toBe(0);
      }),
      { numRuns: 150, seed: 5 }
    );
  });

  it('greedy is stable when mentees rank by score, and never beats optimal', () => {
    const medium = cohortArbitrary({ maxMentees: 25, maxMentors: 8, maxCapacity: 3, rankings: false });
    fc.assert(
      fc.property(medium, (cohort) => {
        const greedy = matchCohort(cohort, { mode: 'greedy', maximizeMatched: false, countBlockingPairs: true });
        const optimal = matchCohort(cohort, { mode: 'optimal', maximizeMatched: false });
        expect(greedy.summary.blockingPairs).toBe(0);
        expect(greedy.summary.totalScore).toBeLessThanOrEqual(optimal.summary.totalScore);
      }),
      { numRuns: 100, seed: 9 }
    );
  });

  it('is deterministic and independent of input order', () => {
    const medium = cohortArbitrary({ maxMentees: 20, maxMentors: 8, maxCapacity: 3 });
    fc.assert(
      fc.property(medium, fc.constantFrom(...modes), fc.integer(), (cohort, mode, seed) => {
        const shuffle = <T>(xs: readonly T[]) => {
          const out = [...xs];
          let s = seed >>> 0;
          for (let k = out.length - 1; k > 0; k--) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            const r = s % (k + 1);
            [out[k], out[r]] = [out[r]!, out[k]!];
          }
          return out;
        };
        const first = matchCohort(cohort, { mode });
        expect(matchCohort(cohort, { mode })).toEqual(first);
        const shuffled = { ...cohort, mentors: shuffle(cohort.mentors), mentees: shuffle(cohort.mentees) };
        expect(matchCohort(shuffled, { mode })).toEqual(first);
      }),
      { numRuns: 100, seed: 13 }
    );
  });
});
