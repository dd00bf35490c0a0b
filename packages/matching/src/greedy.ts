import { completeRow, type CandidateLists } from './candidates.ts';
import { MinHeap } from './heap.ts';
import type { Scorer } from './scoring.ts';

/**
 * The baseline: take eligible pairs from the highest score down (ties: lower mentee index, then lower mentor index)
 * while both sides have room. Implemented lazily with one heap entry per mentee pointing at its best mentor that may
 * still have room, which gives exactly the result of sorting all eligible pairs without materialising them.
 */
export function solveGreedy(
  scorer: Scorer,
  lists: CandidateLists,
  freeMentees: Int32Array,
  residualCapacity: Int32Array
): Int32Array {
  const n = scorer.model.mentees.length;
  const assign = new Int32Array(n).fill(-1);
  const load = new Int32Array(residualCapacity.length);
  const next = new Int32Array(n);
  const rows = new Map<number, { mentor: Int32Array; score: Int32Array; full: boolean }>();
  const rowOf = (i: number) => {
    let r = rows.get(i);
    if (!r) {
      const s = lists.start[i]!;
      const e = lists.start[i + 1]!;
      r = { mentor: lists.mentor.subarray(s, e), score: lists.score.subarray(s, e), full: lists.prunedMax[i]! < 0 };
      rows.set(i, r);
    }
    return r;
  };
  /** Moves mentee i's pointer to its best mentor with room; returns false when there is none. */
  const advance = (i: number): boolean => {
    let r = rowOf(i);
    for (;;) {
      while (next[i]! < r.mentor.length && load[r.mentor[next[i]!]!]! >= residualCapacity[r.mentor[next[i]!]!]!)
        next[i]!++;
      if (next[i]! < r.mentor.length) return true;
      if (r.full) return false;
      // The full row starts with the same mentors in the same order, so the pointer stays valid.
      r = { ...completeRow(scorer, lists, i), full: true };
      rows.set(i, r);
    }
  };
  const heap = new MinHeap();
  for (const i of freeMentees) if (advance(i)) heap.push(-rowOf(i).score[next[i]!]!, i);
  while (heap.size > 0) {
    const key = heap.topKey();
    const i = heap.pop();
    if (!advance(i)) continue;
    const r = rowOf(i);
    const s = r.score[next[i]!]!;
    if (-s !== key) {
      heap.push(-s, i);
      continue;
    }
    const j = r.mentor[next[i]!]!;
    assign[i] = j;
    load[j]!++;
  }
  return assign;
}
