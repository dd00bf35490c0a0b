import { MatchingInputError } from './errors.ts';

/**
 * The integer value of a pair in the exact solver, `a·score + b`, chosen so that one number orders assignments
 * lexicographically: without `maximizeMatched`, total score first, then the number matched (`a = count + 1` exceeds any
 * difference in matched count); with it, the number matched first (`b = maxScore·count + 1` exceeds any difference in
 * total score), then the score. These are the smallest such constants: every sum the solver forms (the assignment's
 * value, the dual objective) is at most `count · (a·maxScore + b)` = `count · (maxScore·(count + 1) + 1)` in both
 * cases, which stays below 2^53 — exact in a double — for every cohort the format accepts (at most 1,000,000 mentees,
 * 7 criteria of at most 1,000 points: 7.000008·10^15 < 9.007·10^15). The previous-pairs tie-break is not folded in
 * (it would multiply that by the count once more); it is a second, separate solve (see {@link keepPreviousPairs}).
 * @throws MatchingInputError when the sums could exceed 2^53 (impossible within the format's limits; checked when the
 * cohort is compiled, before any solving).
 */
export function pairValueWeights(count: number, maxScore: number, maximizeMatched: boolean): { a: number; b: number } {
  const weights = maximizeMatched ? { a: 1, b: maxScore * count + 1 } : { a: count + 1, b: 1 };
  if (count * (weights.a * maxScore + weights.b) > Number.MAX_SAFE_INTEGER)
    throw new MatchingInputError(
      `cohort too large to solve exactly: ${count} mentees with a maximum pair score of ${maxScore} (weights summed)`
    );
  return weights;
}
