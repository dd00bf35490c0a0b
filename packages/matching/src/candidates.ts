import type { Scorer } from './scoring.ts';

/**
 * Each mentee's eligible mentors, best first (score descending, then mentor index), in CSR form. When pruned to
 * the best `k`, `prunedMax[i]` is the highest score that was left out (-1 if nothing was), which is what the exact
 * solver needs to prove that the pruning did not change the optimum.
 */
export interface CandidateLists {
  readonly start: Int32Array;
  readonly mentor: Int32Array;
  readonly score: Int32Array;
  readonly eligibleCount: Int32Array;
  readonly prunedMax: Int32Array;
  /** For each mentor, how many of the listed mentees are eligible for it (counted before pruning). */
  readonly mentorEligible: Int32Array;
}

/** One mentee's eligible mentors sorted best first. */
export interface Row {
  readonly mentor: Int32Array;
  readonly score: Int32Array;
}

function sortRow(mentor: Int32Array, score: Int32Array, count: number): Row {
  const order = Array.from({ length: count }, (_, x) => x);
  order.sort((a, b) => score[b]! - score[a]! || mentor[a]! - mentor[b]!);
  return { mentor: Int32Array.from(order, (x) => mentor[x]!), score: Int32Array.from(order, (x) => score[x]!) };
}

/** Scores mentee `i` against all active mentors and returns every eligible one, best first. */
export function fullRow(scorer: Scorer, i: number): Row {
  const m = scorer.model.mentors.length;
  const mentor = new Int32Array(m);
  const score = new Int32Array(m);
  const count = scorer.scoreRow(i, mentor, score);
  return sortRow(mentor, score, count);
}

/**
 * Scores the listed mentees against all active mentors and keeps each one's best `k` eligible mentors
 * (`k = Infinity` keeps all). Selection uses a histogram of the integer scores, so it is linear in the row.
 */
export function buildCandidates(scorer: Scorer, mentees: Int32Array, n: number, k: number): CandidateLists {
  const m = scorer.model.mentors.length;
  const rowMentor = new Int32Array(m);
  const rowScore = new Int32Array(m);
  const histogram = new Int32Array(scorer.maxScore + 2);
  const start = new Int32Array(n + 1);
  const eligibleCount = new Int32Array(n);
  const prunedMax = new Int32Array(n).fill(-1);
  const mentorEligible = new Int32Array(m);
  const keep = Math.min(k, m);
  let capacity = Math.max(16, mentees.length * Math.min(keep, 64));
  let mentor = new Int32Array(capacity);
  let score = new Int32Array(capacity);
  let used = 0;
  let previous = 0;
  for (const i of mentees) {
    for (let x = previous + 1; x <= i; x++) start[x] = used;
    previous = i;
    const count = scorer.scoreRow(i, rowMentor, rowScore);
    eligibleCount[i] = count;
    for (let x = 0; x < count; x++) mentorEligible[rowMentor[x]!]!++;
    let take = count;
    let threshold = -1;
    let atThreshold = 0;
    if (count > keep) {
      histogram.fill(0);
      for (let x = 0; x < count; x++) histogram[rowScore[x]!]!++;
      let above = 0;
      threshold = scorer.maxScore;
      while (above + histogram[threshold]! < keep) above += histogram[threshold--]!;
      atThreshold = keep - above;
      take = keep;
      // The best score left out: the threshold itself if some mentors at it are dropped, else the next lower one.
      let best = histogram[threshold]! > atThreshold ? threshold : threshold - 1;
      while (best >= 0 && histogram[best] === 0) best--;
      prunedMax[i] = best;
    }
    if (used + take > capacity) {
      capacity = Math.max(capacity * 2, used + take);
      const grownMentor = new Int32Array(capacity);
      grownMentor.set(mentor.subarray(0, used));
      mentor = grownMentor;
      const grownScore = new Int32Array(capacity);
      grownScore.set(score.subarray(0, used));
      score = grownScore;
    }
    let w = 0;
    for (let x = 0; x < count; x++) {
      const s = rowScore[x]!;
      if (threshold >= 0 && (s < threshold || (s === threshold && atThreshold-- <= 0))) continue;
      rowMentor[w] = rowMentor[x]!;
      rowScore[w++] = s;
    }
    const row = sortRow(rowMentor, rowScore, w);
    mentor.set(row.mentor, used);
    score.set(row.score, used);
    used += w;
    start[i + 1] = used;
  }
  for (let x = previous + 1; x <= n; x++) start[x] = used;
  return { start, mentor: mentor.subarray(0, used), score: score.subarray(0, used), eligibleCount, prunedMax, mentorEligible };
}
