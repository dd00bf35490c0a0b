import { describe, expect, it } from 'vitest';
import type { CandidateLists } from './candidates.ts';
import { MatchingInputError } from './errors.ts';
import { matchCohort } from './match.ts';
import { pairValueWeights } from './objective.ts';
import { solveOptimal } from './optimal.ts';
import { MAX_PEOPLE_PER_SIDE, type CohortInput } from './schema.ts';

/** The highest pair score the format allows: seven criteria of at most 1,000 points. */
const MAX_SCORE = 7 * 1000;

/**
 * A synthetic candidate graph at the format's limit, shaped so the solver's sums reach their bound: 1,000,000 mentees
 * and as many slots, every mentee matched at the maximum score. Mentees 0 … B−1 come in groups of five; group g may go
 * to mentor g or mentor g + 1 (cyclically), both at 7,000 points, and its previous mentor is g + 1, so keeping every
 * previous pair means rotating the whole cohort. The last ten mentees form five gadgets in which the best score and
 * the most matched disagree: A may take X (7,000) or Y (1), B only X (1), X and Y one slot each.
 */
function atTheLimit(): {
  lists: CandidateLists;
  free: Int32Array;
  capacity: Int32Array;
  previous: Int32Array;
  bulk: number;
} {
  const n = MAX_PEOPLE_PER_SIDE;
  const bulk = n - 10;
  const groups = bulk / 5;
  const m = groups + 10;
  const capacity = new Int32Array(m);
  capacity.fill(5, 0, groups);
  capacity.fill(1, groups);
  const start = new Int32Array(n + 1);
  const mentor = new Int32Array(2 * bulk + 15);
  const score = new Int32Array(2 * bulk + 15);
  const previous = new Int32Array(n).fill(-1);
  let k = 0;
  const edge = (j: number, s: number) => {
    mentor[k] = j;
    score[k++] = s;
  };
  for (let i = 0; i < n; i++) {
    start[i] = k;
    if (i < bulk) {
      const g = Math.floor(i / 5);
      const next = (g + 1) % groups;
      edge(Math.min(g, next), MAX_SCORE);
      edge(Math.max(g, next), MAX_SCORE);
      previous[i] = next;
    } else {
      const gadget = Math.floor((i - bulk) / 2);
      const [x, y] = [groups + 2 * gadget, groups + 2 * gadget + 1];
      if ((i - bulk) % 2 === 0) {
        edge(x, MAX_SCORE);
        edge(y, 1);
      } else edge(x, 1);
    }
  }
  start[n] = k;
  const lists: CandidateLists = {
    start,
    mentor: mentor.subarray(0, k),
    score: score.subarray(0, k),
    eligibleCount: Int32Array.from({ length: n }, (_, i) => start[i + 1]! - start[i]!),
    prunedMax: new Int32Array(n).fill(-1),
    mentorEligible: new Int32Array(m),
    all: { start, mentor: mentor.subarray(0, k), score: score.subarray(0, k) }
  };
  return { lists, free: Int32Array.from({ length: n }, (_, i) => i), capacity, previous, bulk };
}

describe('exact arithmetic up to the format limit', () => {
  it('keeps every sum the solver forms below 2^53 at 1,000,000 mentees and maximum weights', () => {
    for (const maximizeMatched of [false, true]) {
      const { a, b } = pairValueWeights(MAX_PEOPLE_PER_SIDE, MAX_SCORE, maximizeMatched);
      expect(MAX_PEOPLE_PER_SIDE * (a * MAX_SCORE + b)).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    }
    // Twice the limit would not be exact: refused as an input error, never an internal one.
    expect(() => pairValueWeights(2 * MAX_PEOPLE_PER_SIDE, MAX_SCORE, true)).toThrow(MatchingInputError);
  });

  it('solves a cohort at the limit exactly, in both orders and with the previous-pairs tie-break', () => {
    const { lists, free, capacity, previous, bulk } = atTheLimit();
    const problem = {
      maxScore: MAX_SCORE,
      previousMentor: previous,
      rescore: () => {
        throw new Error('every pair is kept: nothing is re-scored');
      }
    };
    const totals = (assign: Int32Array) => {
      let score = 0;
      let matched = 0;
      let kept = 0;
      for (let i = 0; i < assign.length; i++) {
        const j = assign[i]!;
        if (j < 0) continue;
        matched++;
        if (previous[i] === j) kept++;
        for (let k = lists.start[i]!; k < lists.start[i + 1]!; k++) if (lists.mentor[k] === j) score += lists.score[k]!;
      }
      return { score, matched, kept };
    };
    // Best score first: each gadget gives A its 7,000 points and leaves B out; every bulk mentee is rotated.
    const byScore = solveOptimal(problem, lists, free, capacity, false, { insertSide: 'mentees' });
    expect(byScore.stats.certified).toBe(true);
    expect(totals(byScore.assign)).toEqual({ score: (bulk + 5) * MAX_SCORE, matched: bulk + 5, kept: bulk });
    // Most matched first: both of each gadget, at 1 point each.
    const byMatched = solveOptimal(problem, lists, free, capacity, true, { insertSide: 'mentees' });
    expect(byMatched.stats.certified).toBe(true);
    expect(totals(byMatched.assign)).toEqual({ score: bulk * MAX_SCORE + 10, matched: bulk + 10, kept: bulk });
    // A few seconds on an idle machine; the timeout leaves room for a shared, loaded one.
  }, 300_000);

  it('solves maximizeMatched with weights of 1,000 on 14,000 mentees (regression: the totals passed 2^53)', () => {
    // 400 language groups of 35 mentees and 6 mentors of capacity 5, in different time zones: 30 of each group are
    // matched. The old encoding (a pair worth ~maxScore · count²) ended with "dual … differs from primal …" here.
    const all = 1000;
    const weights = {
      sectors: all,
      skills: all,
      goals: all,
      languages: all,
      timeZone: all,
      availability: all,
      preference: all
    };
    const mentors = Array.from({ length: 2400 }, (_, k) => ({
      id: `m-${k}`,
      skills: ['s'],
      languages: [`l${k % 400}`],
      timeZone: `UTC+0${k % 4}:00`,
      capacity: 5
    }));
    const mentees = Array.from({ length: 14_000 }, (_, k) => ({
      id: `e-${k}`,
      skills: ['s'],
      languages: [`l${k % 400}`],
      timeZone: `UTC+0${k % 7}:00`
    }));
    const cohort: CohortInput = { settings: { weights }, mentors, mentees };
    const mostMatched = matchCohort(cohort, { maximizeMatched: true });
    expect(mostMatched.optimal?.certified).toBe(true);
    expect(mostMatched.summary.matched).toBe(12_000);
    // Every pair of a group is eligible and worth points, so the best score also fills every slot: the same total.
    const bestScore = matchCohort(cohort, { maximizeMatched: false });
    expect(bestScore.summary.matched).toBe(12_000);
    expect(mostMatched.summary.totalScore).toBe(bestScore.summary.totalScore);
  }, 300_000);
});
