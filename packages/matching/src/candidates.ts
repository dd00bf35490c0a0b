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
  /** Every eligible pair, sorted like the pruned rows, when built with `keepAll` (saves re-scoring rows later). */
  readonly all?: { readonly start: Int32Array; readonly mentor: Int32Array; readonly score: Int32Array };
}

/** One mentee's eligible mentors sorted best first. */
export interface Row {
  readonly mentor: Int32Array;
  readonly score: Int32Array;
}

/**
 * Sorts a row best first (score descending, then mentor index). Rows come out of scoring in mentor order and scores
 * are small non-negative integers, so a stable counting sort by score does it in linear time.
 */
function sortRow(mentor: Int32Array, score: Int32Array, count: number): Row {
  let max = 0;
  for (let x = 0; x < count; x++) if (score[x]! > max) max = score[x]!;
  const sorted = { mentor: new Int32Array(count), score: new Int32Array(count) };
  sortInto(mentor, score, count, new Int32Array(max + 1), sorted.mentor, sorted.score, 0, null);
  return sorted;
}

/**
 * {@link sortRow} into `outMentor`/`outScore` from `at`, with a caller's scratch `bucket` of maxScore + 1 entries
 * (a row with a higher score, which only tag sets over 255 items can give, is sorted by {@link sortRow} instead).
 * When `eligible` is given, also counts each mentor of the row in it, in the same pass.
 */
function sortInto(
  mentor: Int32Array,
  score: Int32Array,
  count: number,
  bucket: Int32Array,
  outMentor: Int32Array,
  outScore: Int32Array,
  at: number,
  eligible: Int32Array | null
): void {
  bucket.fill(0);
  // A score beyond the bucket is not counted (typed-array writes out of range do nothing): the total tells.
  for (let x = 0; x < count; x++) bucket[score[x]!]!++;
  let to = at;
  for (let s = bucket.length - 1; s >= 0; s--) {
    const n = bucket[s]!;
    bucket[s] = to;
    to += n;
  }
  if (to - at !== count) {
    const row = sortRow(mentor, score, count);
    outMentor.set(row.mentor, at);
    outScore.set(row.score, at);
    if (eligible !== null) for (let x = 0; x < count; x++) eligible[mentor[x]!]!++;
    return;
  }
  if (eligible === null) {
    for (let x = 0; x < count; x++) {
      const s = score[x]!;
      const place = bucket[s]!++;
      outMentor[place] = mentor[x]!;
      outScore[place] = s;
    }
    return;
  }
  for (let x = 0; x < count; x++) {
    const s = score[x]!;
    const j = mentor[x]!;
    const place = bucket[s]!++;
    outMentor[place] = j;
    outScore[place] = s;
    eligible[j]!++;
  }
}

/** Mentee `i`'s complete row, best first: from the stored full rows when kept, else by scoring it again. */
export function completeRow(scorer: Scorer, lists: CandidateLists, i: number): Row {
  const all = lists.all;
  if (all)
    return {
      mentor: all.mentor.subarray(all.start[i], all.start[i + 1]),
      score: all.score.subarray(all.start[i], all.start[i + 1])
    };
  return fullRow(scorer, i);
}

/** Scores mentee `i` against all active mentors and returns every eligible one, in mentor order (unsorted). */
export function unsortedRow(scorer: Scorer, i: number): Row {
  const m = scorer.model.mentors.length;
  const mentor = new Int32Array(m);
  const score = new Int32Array(m);
  const count = scorer.scoreRow(i, mentor, score);
  return { mentor: mentor.subarray(0, count), score: score.subarray(0, count) };
}

/** Sorts a row from {@link unsortedRow} best first. */
export function sortedRow(row: Row): Row {
  return sortRow(row.mentor, row.score, row.mentor.length);
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
 * (`k = Infinity` keeps all). Rows come out of {@link Scorer.scoreRowByScore} already bucketed by score, so reading
 * the buckets from the top gives them best first in linear time (with huge weights or mentor counts, or a score
 * beyond maxScore, a row is scored in mentor order and counting-sorted instead).
 */
export function buildCandidates(
  scorer: Scorer,
  mentees: Int32Array,
  n: number,
  k: number,
  keepAll = false
): CandidateLists {
  const m = scorer.model.mentors.length;
  const top = scorer.maxScore;
  const keep = Math.min(k, m);
  const rowMentor = new Int32Array(m);
  const rowScore = new Int32Array(m);
  const sortedRowMentor = new Int32Array(keepAll ? 0 : m);
  const sortedRowScore = new Int32Array(keepAll ? 0 : m);
  const bucket = new Int32Array(top + 1);
  const byScore = new Int32Array(scorer.canBucket ? (top + 1) * m : 0);
  const start = new Int32Array(n + 1);
  const eligibleCount = new Int32Array(n);
  const prunedMax = new Int32Array(n).fill(-1);
  const mentorEligible = new Int32Array(m);
  const rows = mentees.length;
  const pruned = new PairBuffer(Math.max(16, rows * Math.min(keep, 64)));
  const allStart = new Int32Array(n + 1);
  const all = new PairBuffer(keepAll ? Math.max(1024, rows * Math.min(m, 64)) : 0);
  let previous = 0;
  for (let q = 0; q < rows; q++) {
    const i = mentees[q]!;
    for (let x = previous + 1; x <= i; x++) {
      start[x] = pruned.used;
      allStart[x] = all.used;
    }
    previous = i;
    let count = -1;
    if (scorer.canBucket) {
      bucket.fill(0);
      count = scorer.scoreRowByScore(i, byScore, bucket);
    }
    const bucketed = count >= 0;
    if (!bucketed) count = scorer.scoreRow(i, rowMentor, rowScore);
    // The row best first, counting its mentors on the way: with keepAll straight into the kept rows (the pruned row
    // is then its first `keep` entries), else into scratch.
    let sortedMentor = sortedRowMentor;
    let sortedScore = sortedRowScore;
    let from = 0;
    if (keepAll) {
      all.reserve(count, q, rows, m);
      sortedMentor = all.mentor;
      sortedScore = all.score;
      from = all.used;
      all.used += count;
      allStart[i + 1] = all.used;
    }
    if (bucketed) readBuckets(byScore, bucket, m, sortedMentor, sortedScore, from, mentorEligible);
    else sortInto(rowMentor, rowScore, count, bucket, sortedMentor, sortedScore, from, mentorEligible);
    eligibleCount[i] = count;
    const take = Math.min(keep, count);
    if (count > keep) prunedMax[i] = sortedScore[from + keep]!;
    pruned.reserve(take, q, rows, keep);
    const to = pruned.used;
    for (let x = 0; x < take; x++) {
      pruned.mentor[to + x] = sortedMentor[from + x]!;
      pruned.score[to + x] = sortedScore[from + x]!;
    }
    pruned.used += take;
    start[i + 1] = pruned.used;
  }
  for (let x = previous + 1; x <= n; x++) {
    start[x] = pruned.used;
    allStart[x] = all.used;
  }
  const lists = {
    start,
    mentor: pruned.mentor.subarray(0, pruned.used),
    score: pruned.score.subarray(0, pruned.used),
    eligibleCount,
    prunedMax,
    mentorEligible
  };
  if (!keepAll) return lists;
  return {
    ...lists,
    all: { start: allStart, mentor: all.mentor.subarray(0, all.used), score: all.score.subarray(0, all.used) }
  };
}

/**
 * Reads a row bucketed by {@link Scorer.scoreRowByScore} best first into `outMentor`/`outScore` from `at`, and
 * counts each of its mentors in `eligible`.
 */
function readBuckets(
  byScore: Int32Array,
  counts: Int32Array,
  mentors: number,
  outMentor: Int32Array,
  outScore: Int32Array,
  at: number,
  eligible: Int32Array
): void {
  for (let s = counts.length - 1; s >= 0; s--) {
    const n = counts[s]!;
    if (n === 0) continue;
    const base = s * mentors;
    for (let k = 0; k < n; k++) {
      const j = byScore[base + k]!;
      outMentor[at] = j;
      outScore[at++] = s;
      eligible[j]!++;
    }
  }
}

/**
 * Candidate pairs in two growing arrays (mentor, score), filled row by row. They grow to an estimate of the final
 * size from the rows so far rather than by doubling: every growth allocates (zero-fills) and copies everything, and
 * with all eligible pairs kept (4.6 M at 10,000 × 2,000) doubling from a small start cost more than sorting the rows.
 */
class PairBuffer {
  mentor: Int32Array<ArrayBuffer>;
  score: Int32Array<ArrayBuffer>;
  used = 0;

  constructor(capacity: number) {
    this.mentor = new Int32Array(capacity);
    this.score = new Int32Array(capacity);
  }

  /** Makes room for `extra` more pairs, `done` of `total` rows (of at most `rowMax` pairs each) being written so far. */
  reserve(extra: number, done: number, total: number, rowMax: number): void {
    const need = this.used + extra;
    if (need <= this.mentor.length) return;
    // After a few dozen rows, the rows so far extrapolated to all rows plus 1/8; never more than the rows left can
    // hold, and at least 1.5× (so that a low estimate still grows geometrically).
    const estimate = done >= 32 ? Math.ceil((need / (done + 1)) * total * 1.125) : 2 * this.mentor.length;
    const size = Math.max(
      need,
      Math.min(estimate, need + (total - done - 1) * rowMax),
      Math.ceil(this.mentor.length * 1.5)
    );
    this.mentor = grown(this.mentor, this.used, size);
    this.score = grown(this.score, this.used, size);
  }
}

/** A larger copy of `array` holding its first `used` entries: the growth step of the candidate lists. */
function grown(array: Int32Array, used: number, size: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(size);
  larger.set(array.subarray(0, used));
  return larger;
}
