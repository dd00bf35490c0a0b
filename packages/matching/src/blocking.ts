import type { Scorer } from './scoring.ts';
import { menteePrefers, mentorPrefers } from './stable.ts';

/** A mentee and mentor, by index, who both prefer each other to what the assignment gave them. */
export interface BlockingPairIndex {
  readonly mentee: number;
  readonly mentor: number;
}

/**
 * Finds blocking pairs of an assignment of the free mentees to the mentors' remaining capacity: an eligible pair
 * (i, j), not matched together, where i is unmatched or prefers j to its mentor, and j has room or prefers i to the
 * worst mentee it holds. Locked pairs are outside the market (their slots are already deducted). Scores every
 * free mentee against every mentor, so it costs as much as one full scoring pass.
 * @returns the number of blocking pairs and up to `keep` of them.
 */
export function findBlockingPairIndices(
  scorer: Scorer,
  assign: Int32Array,
  freeMentees: Int32Array,
  residualCapacity: Int32Array,
  keep = 10
): { count: number; pairs: BlockingPairIndex[] } {
  const m = residualCapacity.length;
  const n = assign.length;
  const load = new Int32Array(m);
  const score = new Int32Array(n).fill(-1);
  const worst = new Int32Array(m).fill(-1);
  for (const i of freeMentees) {
    const j = assign[i]!;
    if (j < 0) continue;
    load[j]!++;
    score[i] = scorer.pairScore(i, j);
    if (worst[j]! < 0 || mentorPrefers(worst[j]!, score[worst[j]!]!, i, score[i]!)) worst[j] = i;
  }
  const rowMentor = new Int32Array(m);
  const rowScore = new Int32Array(m);
  const pairs: BlockingPairIndex[] = [];
  let count = 0;
  for (const i of freeMentees) {
    const own = assign[i]!;
    const len = scorer.scoreRow(i, rowMentor, rowScore);
    for (let k = 0; k < len; k++) {
      const j = rowMentor[k]!;
      const s = rowScore[k]!;
      if (j === own || residualCapacity[j] === 0) continue;
      if (own >= 0 && !menteePrefers(scorer, i, j, s, own, score[i]!)) continue;
      if (load[j]! >= residualCapacity[j]! && !mentorPrefers(i, s, worst[j]!, score[worst[j]!]!)) continue;
      count++;
      if (pairs.length < keep) pairs.push({ mentee: i, mentor: j });
    }
  }
  return { count, pairs };
}
