import { findBlockingPairIndices } from './blocking.ts';
import { MatchingInputError } from './errors.ts';
import { compileCohort } from './model.ts';
import { parseCohort } from './parse.ts';
import { Scorer } from './scoring.ts';

/** A mentee and mentor who would both rather be together than with what they were given. */
export interface BlockingPair {
  readonly mentee: string;
  readonly mentor: string;
}

/**
 * Checks any assignment of a cohort for blocking pairs, using the same preferences as the `stable` mode (mentees:
 * their ranking first, then score; mentors: score). Locked pairs are taken out of the market first.
 * @param pairs the assignment to check, by id; it must include the cohort's locked pairs.
 * @throws MatchingInputError when the assignment names unknown people, repeats a mentee, exceeds a capacity or
 * drops a locked pair.
 */
export function findBlockingPairs(
  cohortInput: unknown,
  pairs: ReadonlyArray<{ mentee: string; mentor: string }>,
  keep = 100
): { count: number; pairs: BlockingPair[] } {
  const model = compileCohort(parseCohort(cohortInput));
  const n = model.mentees.length;
  const assign = new Int32Array(n).fill(-1);
  const residual = model.capacity.slice();
  for (const p of pairs) {
    const i = model.menteeIndex.get(p.mentee);
    const j = model.mentorIndex.get(p.mentor);
    if (i === undefined) throw new MatchingInputError(`assignment references unknown mentee "${p.mentee}"`);
    if (j === undefined) throw new MatchingInputError(`assignment references unknown mentor "${p.mentor}"`);
    if (assign[i] !== -1) throw new MatchingInputError(`assignment gives mentee "${p.mentee}" two mentors`);
    assign[i] = j;
  }
  for (const [i, j] of model.locks) {
    if (assign[i] !== j)
      throw new MatchingInputError(`assignment drops locked pair "${model.mentees[i]!.id}"–"${model.mentors[j]!.id}"`);
    residual[j]!--;
  }
  const free = Int32Array.from({ length: n }, (_, i) => i).filter((i) => model.lockedMentor[i] === -1);
  const load = new Int32Array(residual.length);
  for (const i of free) if (assign[i]! >= 0) load[assign[i]!]!++;
  load.forEach((l, j) => {
    if (l > residual[j]!)
      throw new MatchingInputError(`assignment exceeds the capacity of mentor "${model.mentors[j]!.id}"`);
  });
  const scorer = new Scorer(
    model,
    Uint8Array.from(residual, (c) => (c > 0 ? 1 : 0))
  );
  const found = findBlockingPairIndices(scorer, assign, free, residual, keep);
  return {
    count: found.count,
    pairs: found.pairs.map((p) => ({ mentee: model.mentees[p.mentee]!.id, mentor: model.mentors[p.mentor]!.id }))
  };
}
