import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchCohort, matchRaw, type MatchResult, type Mode } from './match.ts';
import { parseCohort } from './parse.ts';
import type { CohortInput } from './schema.ts';
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
      fc.property(
        small,
        fc.boolean(),
        fc.constantFrom('mentees', 'slots', 'auto') as fc.Arbitrary<'mentees' | 'slots' | 'auto'>,
        fc.constantFrom(1, 2, 256),
        (cohort, maximizeMatched, insertSide, slotColumnLimit) => {
          const result = matchCohort(cohort, { mode: 'optimal', maximizeMatched, insertSide, slotColumnLimit });
          const best = bruteForce(cohort, maximizeMatched);
          if (maximizeMatched) expect(freeTotals(result)).toEqual(best);
          else expect(freeTotals(result).total).toBe(best.total);
          expectValid(cohort, result);
          const raw = matchRaw(cohort, { mode: 'optimal', maximizeMatched, insertSide, slotColumnLimit });
          if (raw.optimal?.insertedSide) sides.add(`${raw.optimal.insertedSide}:${raw.optimal.rounds}`);
        }
      ),
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

/** Best (total, matched, kept) — or (matched, total, kept) — over every feasible assignment, by exhaustive search. */
function bruteForceKeeping(
  cohort: CohortInput,
  maximizeMatched: boolean
): { total: number; matched: number; kept: number } {
  const raw = matchRaw(cohort, { mode: 'greedy' });
  const { scorer, freeMentees, residualCapacity } = raw;
  const previous = scorer.model.previousMentor;
  const load = new Int32Array(residualCapacity.length);
  const options = Array.from(freeMentees, (i) => {
    const list: Array<[number, number, number]> = [];
    for (let j = 0; j < residualCapacity.length; j++) {
      if (residualCapacity[j]! > 0 && scorer.failedRules(i, j) === 0)
        list.push([j, scorer.pairScore(i, j), previous[i] === j ? 1 : 0]);
    }
    return list;
  });
  type Best = { total: number; matched: number; kept: number };
  let best: Best = { total: 0, matched: 0, kept: 0 };
  const key = (x: Best) => (maximizeMatched ? [x.matched, x.total, x.kept] : [x.total, x.matched, x.kept]);
  const better = (x: Best, y: Best) => {
    const [p, q] = [key(x), key(y)];
    for (let k = 0; k < 3; k++) if (p[k] !== q[k]) return p[k]! > q[k]!;
    return false;
  };
  const visit = (k: number, cur: Best) => {
    if (k === options.length) {
      if (better(cur, best)) best = cur;
      return;
    }
    visit(k + 1, cur);
    for (const [j, s, kept] of options[k]!) {
      if (load[j]! >= residualCapacity[j]!) continue;
      load[j]!++;
      visit(k + 1, { total: cur.total + s, matched: cur.matched + 1, kept: cur.kept + kept });
      load[j]!--;
    }
  };
  visit(0, best);
  return best;
}

describe('previous pairs (the last tie-break of optimal)', () => {
  /** Gives about half the mentees a previous mentor, drawn from the cohort's own mentors. */
  const withPrevious = fc
    .tuple(small, fc.array(fc.tuple(fc.boolean(), fc.nat(9)), { minLength: 6, maxLength: 6 }))
    .map(([cohort, draws]): CohortInput => {
      const previousPairs = cohort.mentees
        .map((e, k) => ({ e, draw: draws[k]! }))
        .filter(({ draw }) => draw[0] && cohort.mentors.length > 0)
        .map(({ e, draw }) => ({ mentee: e.id, mentor: cohort.mentors[draw[1] % cohort.mentors.length]!.id }));
      return { ...cohort, settings: { ...cohort.settings, previousPairs } };
    });

  it('keeps the most previous pairs among the best assignments, on every solver path', () => {
    fc.assert(
      fc.property(
        withPrevious,
        fc.boolean(),
        fc.constantFrom('mentees', 'slots', 'auto') as fc.Arbitrary<'mentees' | 'slots' | 'auto'>,
        fc.constantFrom(1, 256),
        fc.constantFrom(true, false),
        (cohort, maximizeMatched, insertSide, slotColumnLimit, keepAllPairs) => {
          const result = matchCohort(cohort, {
            mode: 'optimal',
            maximizeMatched,
            insertSide,
            slotColumnLimit,
            keepAllPairs,
            topK: keepAllPairs ? 16 : 1
          });
          const free = result.pairs.filter((p) => !p.locked);
          const previous = new Set((cohort.settings?.previousPairs ?? []).map((p) => `${p.mentee}|${p.mentor}`));
          const kept = free.filter((p) => previous.has(`${p.mentee}|${p.mentor}`)).length;
          expect({ ...freeTotals(result), kept }).toEqual(bruteForceKeeping(cohort, maximizeMatched));
          expectValid(cohort, result);
          // The summary counts locked pairs that were previous pairs too.
          expect(result.summary.keptPrevious).toBe(
            previous.size === 0 ? null : result.pairs.filter((p) => previous.has(`${p.mentee}|${p.mentor}`)).length
          );
        }
      ),
      { numRuns: 400, seed: 5 }
    );
  });

  it('never changes the score or the number matched', () => {
    const medium = cohortArbitrary({ maxMentees: 40, maxMentors: 12, maxCapacity: 5 });
    fc.assert(
      fc.property(medium, fc.boolean(), (cohort, maximizeMatched) => {
        const first = matchCohort(cohort, { maximizeMatched });
        // Re-run with the first result as the previous proposal: the same optimum, every pair kept.
        const previousPairs = first.pairs.filter((p) => !p.locked).map((p) => ({ mentee: p.mentee, mentor: p.mentor }));
        const again = matchCohort({ ...cohort, settings: { ...cohort.settings, previousPairs } }, { maximizeMatched });
        expect(again.summary.totalScore).toBe(first.summary.totalScore);
        expect(again.summary.matched).toBe(first.summary.matched);
        expect(again.summary.keptPrevious).toBe(previousPairs.length === 0 ? null : previousPairs.length);
      }),
      { numRuns: 60, seed: 3 }
    );
  });

  it('certifies the same score and number matched on rows and columns longer than a block, on both sides', () => {
    // Rows of up to 40 mentors and columns of up to 60 mentees span several of the solver's 16-edge blocks, so a
    // previous pair worth one more can sit in a later block than the row's best score.
    const wide = cohortArbitrary({ maxMentees: 60, maxMentors: 40, maxCapacity: 2 });
    fc.assert(
      fc.property(
        wide,
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom('mentees', 'slots') as fc.Arbitrary<'mentees' | 'slots'>,
        fc.boolean(),
        (cohort, salt, insertSide, maximizeMatched) => {
          const previousPairs = cohort.mentees
            .filter((_, k) => (k + salt) % 3 !== 0 && cohort.mentors.length > 0)
            .map((e, k) => ({ mentee: e.id, mentor: cohort.mentors[(k * 7 + salt) % cohort.mentors.length]!.id }));
          const plain = matchCohort(cohort, { insertSide, maximizeMatched });
          const keeping = matchCohort(
            { ...cohort, settings: { ...cohort.settings, previousPairs } },
            { insertSide, maximizeMatched, slotColumnLimit: 4 }
          );
          expect(keeping.optimal?.certified).toBe(true);
          expect(keeping.summary.totalScore).toBe(plain.summary.totalScore);
          expect(keeping.summary.matched).toBe(plain.summary.matched);
        }
      ),
      { numRuns: 60, seed: 17 }
    );
  });

  it('keeps previous pairs that sit beyond the first 16 equally scored mentors of a row or a column', () => {
    // Identical profiles: every pair scores the same, so rows and columns are long runs of ties in index order and
    // most previous mentors sit in a later block of 16 than the row's first (best-scored) edge.
    for (const insertSide of ['mentees', 'slots'] as const) {
      const mentors = Array.from({ length: 40 }, (_, k) => ({
        id: `m-${String(k).padStart(2, '0')}`,
        languages: ['en'],
        capacity: 1
      }));
      const mentees = Array.from({ length: 48 }, (_, k) => ({
        id: `e-${String(k).padStart(2, '0')}`,
        languages: ['en']
      }));
      const previousPairs = mentees.slice(0, 40).map((e, k) => ({ mentee: e.id, mentor: mentors[39 - k]!.id }));
      const result = matchCohort({ mentors, mentees, settings: { previousPairs } }, { insertSide });
      expect(result.optimal?.certified).toBe(true);
      expect(result.summary.matched).toBe(40);
      expect(result.summary.keptPrevious).toBe(40);
    }
  });

  it('rejects a previous pair naming an unknown person or a mentee twice', () => {
    const cohort: CohortInput = {
      mentors: [{ id: 'm-1', capacity: 1 }],
      mentees: [{ id: 'e-1' }],
      settings: { previousPairs: [{ mentee: 'e-1', mentor: 'm-9' }] }
    };
    expect(() => matchCohort(cohort)).toThrow('previous pair references unknown mentor "m-9"');
    const twice = {
      ...cohort,
      settings: {
        previousPairs: [
          { mentee: 'e-1', mentor: 'm-1' },
          { mentee: 'e-1', mentor: 'm-1' }
        ]
      }
    };
    expect(() => matchCohort(twice)).toThrow('mentee "e-1" is in more than one previous pair');
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
