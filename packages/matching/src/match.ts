import { findBlockingPairIndices } from './blocking.ts';
import { buildCandidates, fullRow } from './candidates.ts';
import { MatchingInputError } from './errors.ts';
import {
  explainMentorWithRoom,
  explainPair,
  explainUnmatchedMentee,
  type MatchedPair,
  type MentorWithRoom,
  type UnmatchedMentee
} from './explain.ts';
import { solveGreedy } from './greedy.ts';
import { compileCohort, type Model } from './model.ts';
import { solveOptimal, type OptimalStats } from './optimal.ts';
import { parseCohort } from './parse.ts';
import type { Cohort } from './schema.ts';
import { Scorer } from './scoring.ts';
import { solveStable } from './stable.ts';

export const MODES = ['optimal', 'stable', 'greedy'] as const;
/** `optimal`: maximum total score (exact). `stable`: mentee-proposing deferred acceptance. `greedy`: baseline. */
export type Mode = (typeof MODES)[number];

/** Options of {@link matchCohort}. */
export interface MatchOptions {
  /** Which algorithm to run; default `optimal`. */
  readonly mode?: Mode;
  /** Match as many mentees as possible first, then maximise the score; overrides `settings.maximizeMatched`. */
  readonly maximizeMatched?: boolean;
  /**
   * Each mentee's candidates are pruned to their best `topK` mentors before solving (default 16). This never changes
   * the result: `optimal` ignores it when `keepAllPairs` is on (it solves on every pair), otherwise proves optimality
   * against every pruned pair with an LP dual and widens rows that fail;
   * `stable` and `greedy` re-score a mentee in full when its short list runs out. `Infinity` disables pruning.
   */
  readonly topK?: number;
  /**
   * Keep every eligible pair in memory (8 bytes each) so nothing is scored twice; default true. `optimal` then solves
   * on every eligible pair at once (no pruning, one pass). Turn off for very large cohorts to trade memory for
   * re-scoring (and, for `optimal`, for pruned rounds widened until the certificate holds).
   */
  readonly keepAllPairs?: boolean;
  /**
   * Which side the exact solver (with `keepAllPairs`) inserts one at a time: `auto` (default) picks the scarcer side —
   * mentor slots when there are fewer free slots than mentees who could be matched, else mentees. Any choice gives the
   * same optimum; this only changes the running time. For benchmarks and tests.
   */
  readonly insertSide?: 'auto' | 'mentees' | 'slots';
  /**
   * When inserting slots, each mentor's column of mentees is cut to its best `slotColumnLimit` (default 256, ties
   * kept); if the certificate finds a pair below a cut that could improve the result, the problem is solved again
   * with whole columns. For tests and benchmarks.
   */
  readonly slotColumnLimit?: number;
  /** Count blocking pairs (costs one more full scoring pass); default true for `stable`, false otherwise. */
  readonly countBlockingPairs?: boolean;
  /** A clock in milliseconds (e.g. `performance.now`); when given, phase timings are added to the result. */
  readonly clock?: () => number;
}

/** The outcome of a matching run. Apart from `timings`, the same input always gives the same result. */
export interface MatchResult {
  readonly mode: Mode;
  readonly maximizeMatched: boolean;
  readonly summary: {
    readonly mentees: number;
    readonly mentors: number;
    readonly totalCapacity: number;
    readonly matched: number;
    readonly locked: number;
    readonly unmatchedMentees: number;
    readonly totalScore: number;
    /** Lowest pair score (null when nobody is matched). */
    readonly minScore: number | null;
    readonly meanScore: number | null;
    /** Null when not counted. */
    readonly blockingPairs: number | null;
    /** How many of the cohort's `previousPairs` the result keeps (null when it lists none). */
    readonly keptPrevious: number | null;
  };
  readonly pairs: MatchedPair[];
  readonly unmatchedMentees: UnmatchedMentee[];
  readonly mentorsWithRoom: MentorWithRoom[];
  /** Present for `optimal`: how the optimum was found and certified. */
  readonly optimal?: OptimalStats;
  readonly timings?: {
    readonly prepareMs: number;
    readonly scoringMs: number;
    readonly solvingMs: number;
    readonly explainingMs: number;
    readonly blockingMs: number;
  };
}

/** The index-level outcome, for benchmarks and tests that skip building explanations. */
export interface RawMatch {
  readonly model: Model;
  readonly scorer: Scorer;
  /** Mentor index of each mentee (locked ones included), or -1. */
  readonly assign: Int32Array;
  readonly freeMentees: Int32Array;
  readonly residualCapacity: Int32Array;
  readonly candidates: ReturnType<typeof buildCandidates>;
  readonly optimal?: OptimalStats;
  /** Validation and compilation of the cohort (0 without a clock). */
  readonly prepareMs: number;
  /** Scoring every free mentee against every mentor and keeping the top K. */
  readonly scoringMs: number;
  readonly solvingMs: number;
}

function toCohort(input: unknown): Cohort {
  // A value that already went through parseCohort is parsed again: it is cheap and keeps one path for validation.
  return parseCohort(input);
}

/**
 * Runs the engine on an index level: validates and compiles the cohort, fixes locked pairs, scores candidates and
 * solves with the chosen mode. Use {@link matchCohort} for the explained result.
 * @throws MatchingInputError on invalid input.
 */
export function matchRaw(input: unknown, options: MatchOptions = {}): RawMatch {
  const clock = options.clock ?? (() => 0);
  const mode = options.mode ?? 'optimal';
  if (!MODES.includes(mode))
    throw new MatchingInputError(`unknown mode "${String(mode)}" (use optimal, stable or greedy)`);
  const topK = options.topK ?? 16;
  if (!(topK >= 1)) throw new MatchingInputError('topK must be at least 1');
  const t0 = clock();
  const cohort = toCohort(input);
  const model = compileCohort(cohort);
  const tPrepared = clock();
  const maximizeMatched = options.maximizeMatched ?? model.maximizeMatched;
  const n = model.mentees.length;
  const residualCapacity = model.capacity.slice();
  const assign = new Int32Array(n).fill(-1);
  for (const [i, j] of model.locks) {
    assign[i] = j;
    residualCapacity[j]!--;
  }
  const freeMentees = Int32Array.from({ length: n }, (_, i) => i).filter((i) => model.lockedMentor[i] === -1);
  const scorer = new Scorer(
    model,
    Uint8Array.from(residualCapacity, (c) => (c > 0 ? 1 : 0))
  );
  const candidates = buildCandidates(scorer, freeMentees, n, topK, options.keepAllPairs ?? true);
  const t1 = clock();
  let solved: Int32Array;
  let optimal: OptimalStats | undefined;
  if (mode === 'optimal') {
    const problem = {
      maxScore: scorer.maxScore,
      previousMentor: model.previousMentor,
      rescore: (i: number) => fullRow(scorer, i)
    };
    const r = solveOptimal(problem, candidates, freeMentees, residualCapacity, maximizeMatched, {
      ...(options.insertSide ? { insertSide: options.insertSide } : {}),
      ...(options.slotColumnLimit !== undefined ? { slotColumnLimit: options.slotColumnLimit } : {})
    });
    solved = r.assign;
    optimal = r.stats;
  } else if (mode === 'stable') solved = solveStable(scorer, candidates, freeMentees, residualCapacity);
  else solved = solveGreedy(scorer, candidates, freeMentees, residualCapacity);
  for (const i of freeMentees) assign[i] = solved[i]!;
  const t2 = clock();
  return {
    model,
    scorer,
    assign,
    freeMentees,
    residualCapacity,
    candidates,
    ...(optimal ? { optimal } : {}),
    prepareMs: tPrepared - t0,
    scoringMs: t1 - tPrepared,
    solvingMs: t2 - t1
  };
}

/**
 * Matches a cohort and explains the result: every pair with its points per criterion and the rules it meets, every
 * unmatched mentee and every mentor with room left with a reason.
 * @param input a cohort in the JSON format of the README (validated here).
 * @throws MatchingInputError on invalid input, with a message naming the problem.
 */
export function matchCohort(input: unknown, options: MatchOptions = {}): MatchResult {
  const clock = options.clock ?? (() => 0);
  const mode = options.mode ?? 'optimal';
  const raw = matchRaw(input, options);
  const { model, scorer, assign, freeMentees, residualCapacity, candidates } = raw;
  const t0 = clock();
  const pairs: MatchedPair[] = [];
  const unmatchedMentees: UnmatchedMentee[] = [];
  const used = new Int32Array(model.mentors.length);
  for (let i = 0; i < model.mentees.length; i++) {
    const j = assign[i]!;
    if (j >= 0) {
      pairs.push(explainPair(scorer, i, j, model.lockedMentor[i] === j));
      used[j]!++;
    } else unmatchedMentees.push(explainUnmatchedMentee(scorer, candidates, i));
  }
  const mentorsWithRoom: MentorWithRoom[] = [];
  for (let j = 0; j < model.mentors.length; j++) {
    if (used[j]! < model.capacity[j]!)
      mentorsWithRoom.push(explainMentorWithRoom(scorer, j, used[j]!, candidates.mentorEligible[j]!, freeMentees));
  }
  const t1 = clock();
  let blockingPairs: number | null = null;
  if (options.countBlockingPairs ?? mode === 'stable') {
    blockingPairs = findBlockingPairIndices(scorer, assign, freeMentees, residualCapacity, 0).count;
  }
  const t2 = clock();
  const scores = pairs.map((p) => p.score);
  let keptPrevious: number | null = null;
  if (model.previousMentor.some((j) => j >= 0)) {
    keptPrevious = 0;
    for (let i = 0; i < model.mentees.length; i++)
      if (model.previousMentor[i]! >= 0 && assign[i] === model.previousMentor[i]) keptPrevious++;
  }
  const totalScore = scores.reduce((a, b) => a + b, 0);
  return {
    mode,
    maximizeMatched: options.maximizeMatched ?? model.maximizeMatched,
    summary: {
      mentees: model.mentees.length,
      mentors: model.mentors.length,
      totalCapacity: model.capacity.reduce((a, b) => a + b, 0),
      matched: pairs.length,
      locked: model.locks.length,
      unmatchedMentees: unmatchedMentees.length,
      totalScore,
      minScore: scores.length ? scores.reduce((a, b) => Math.min(a, b)) : null,
      meanScore: scores.length ? Math.round((totalScore / scores.length) * 100) / 100 : null,
      blockingPairs,
      keptPrevious
    },
    pairs,
    unmatchedMentees,
    mentorsWithRoom,
    ...(raw.optimal ? { optimal: raw.optimal } : {}),
    ...(options.clock
      ? {
          timings: {
            prepareMs: raw.prepareMs,
            scoringMs: raw.scoringMs,
            solvingMs: raw.solvingMs,
            explainingMs: t1 - t0,
            blockingMs: t2 - t1
          }
        }
      : {})
  };
}
