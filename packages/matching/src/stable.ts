import { completeRow, type CandidateLists } from './candidates.ts';
import type { Scorer } from './scoring.ts';

/**
 * Whether mentee `i` prefers mentor `j1` (pair score `s1`) to mentor `j2` (score `s2`): mentors the mentee ranked
 * come first, in ranking order; the rest follow by score, then by mentor index. Shared by the stable solver and the
 * blocking-pair checker so both use the same preferences.
 */
export function menteePrefers(scorer: Scorer, i: number, j1: number, s1: number, j2: number, s2: number): boolean {
  const r1 = scorer.rankOf(i, j1);
  const r2 = scorer.rankOf(i, j2);
  if (r1 >= 0 || r2 >= 0) return r1 >= 0 && (r2 < 0 || r1 < r2);
  return s1 > s2 || (s1 === s2 && j1 < j2);
}

/** Whether a mentor prefers mentee `i1` (score `s1`) to `i2` (score `s2`): higher score, then lower index. */
export function mentorPrefers(i1: number, s1: number, i2: number, s2: number): boolean {
  return s1 > s2 || (s1 === s2 && i1 < i2);
}

/** A mentee's preference list: eligible ranked mentors first (in ranking order), then the rest best score first. */
function preferenceList(
  scorer: Scorer,
  i: number,
  scoreMentor: Int32Array,
  scoreValue: Int32Array
): { mentor: Int32Array; score: Int32Array } {
  const md = scorer.model;
  const ranked: number[] = [];
  const rankedScore: number[] = [];
  for (let k = md.rankingStart[i]!; k < md.rankingStart[i + 1]!; k++) {
    const j = md.rankingMentor[k]!;
    if (scorer.mentorActive[j] === 0 || scorer.failedRules(i, j) !== 0) continue;
    ranked.push(j);
    rankedScore.push(scorer.pairScore(i, j));
  }
  if (ranked.length === 0) return { mentor: scoreMentor, score: scoreValue };
  const isRanked = new Set(ranked);
  const mentor: number[] = [...ranked];
  const score: number[] = [...rankedScore];
  for (let k = 0; k < scoreMentor.length; k++) {
    if (isRanked.has(scoreMentor[k]!)) continue;
    mentor.push(scoreMentor[k]!);
    score.push(scoreValue[k]!);
  }
  return { mentor: Int32Array.from(mentor), score: Int32Array.from(score) };
}

/**
 * Capacitated deferred acceptance, mentee-proposing (Gale–Shapley for hospitals/residents). Mentees propose down
 * their preference lists; a mentor holds the best mentees by score up to its remaining capacity. The result is
 * stable — no eligible mentee and mentor both prefer each other to what they have — and the best stable outcome
 * for every mentee. Lists pruned to the top K are re-scored in full if a mentee runs out, so pruning is exact here.
 */
export function solveStable(
  scorer: Scorer,
  lists: CandidateLists,
  freeMentees: Int32Array,
  residualCapacity: Int32Array
): Int32Array {
  const n = scorer.model.mentees.length;
  const m = residualCapacity.length;
  const assign = new Int32Array(n).fill(-1);
  const heldStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) heldStart[j + 1] = heldStart[j]! + residualCapacity[j]!;
  const held = new Int32Array(heldStart[m]!);
  const heldScore = new Int32Array(heldStart[m]!);
  const load = new Int32Array(m);
  const next = new Int32Array(n);
  const prefs = new Map<number, { mentor: Int32Array; score: Int32Array; full: boolean }>();
  const prefsOf = (i: number) => {
    let p = prefs.get(i);
    if (!p) {
      const s = lists.start[i]!;
      const e = lists.start[i + 1]!;
      p = {
        ...preferenceList(scorer, i, lists.mentor.subarray(s, e), lists.score.subarray(s, e)),
        full: lists.prunedMax[i]! < 0
      };
      prefs.set(i, p);
    }
    return p;
  };
  // Mentees are processed from a stack; the outcome of deferred acceptance does not depend on the order.
  const stack = Array.from(freeMentees).reverse();
  while (stack.length > 0) {
    const i = stack.pop()!;
    let p = prefsOf(i);
    for (;;) {
      if (next[i]! >= p.mentor.length) {
        if (p.full) break;
        const row = completeRow(scorer, lists, i);
        p = { ...preferenceList(scorer, i, row.mentor, row.score), full: true };
        prefs.set(i, p);
        continue;
      }
      const k = next[i]!++;
      const j = p.mentor[k]!;
      const s = p.score[k]!;
      if (residualCapacity[j] === 0) continue;
      const base = heldStart[j]!;
      if (load[j]! < residualCapacity[j]!) {
        held[base + load[j]!] = i;
        heldScore[base + load[j]!++] = s;
        assign[i] = j;
        break;
      }
      let worst = base;
      for (let q = base + 1; q < base + load[j]!; q++) {
        if (mentorPrefers(held[worst]!, heldScore[worst]!, held[q]!, heldScore[q]!)) worst = q;
      }
      if (!mentorPrefers(i, s, held[worst]!, heldScore[worst]!)) continue;
      const rejected = held[worst]!;
      assign[rejected] = -1;
      stack.push(rejected);
      held[worst] = i;
      heldScore[worst] = s;
      assign[i] = j;
      break;
    }
  }
  return assign;
}
