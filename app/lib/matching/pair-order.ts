import type { ProposedPair } from '@mop/shared';

/** How the review page orders proposed pairs. Lowest score first is the default, so weak pairs are seen first. */
const PAIR_ORDERS = ['score-asc', 'score-desc', 'mentee'] as const;
export type PairOrder = (typeof PAIR_ORDERS)[number];

export function isPairOrder(value: string): value is PairOrder {
  return (PAIR_ORDERS as readonly string[]).includes(value);
}

/** A sorted copy of `pairs`; ties keep a stable order by mentee name, then mentee id. */
export function sortPairs(pairs: readonly ProposedPair[], order: PairOrder): ProposedPair[] {
  const byMentee = (a: ProposedPair, b: ProposedPair) =>
    a.mentee.name.localeCompare(b.mentee.name) || a.mentee.id.localeCompare(b.mentee.id);
  const compare =
    order === 'mentee'
      ? byMentee
      : order === 'score-desc'
        ? (a: ProposedPair, b: ProposedPair) => b.score - a.score || byMentee(a, b)
        : (a: ProposedPair, b: ProposedPair) => a.score - b.score || byMentee(a, b);
  return [...pairs].sort(compare);
}
