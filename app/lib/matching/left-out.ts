import type { UnmatchedPerson } from '@mop/shared';

/** The people a matching run left out, as the review shows them. */
export interface LeftOut {
  /** Mentees without a mentor, and mentors without any mentee. */
  notMatched: UnmatchedPerson[];
  /** Mentors who have mentees (before this run or from it) and places left: matched, with room for more. */
  freePlaces: UnmatchedPerson[];
  /** Mentees already in a pair and mentors already full, who took no part in the run. */
  alreadyPaired: UnmatchedPerson[];
}

/**
 * Sorts a run's left-out people. A mentor with room left is "not matched" only when they have no mentee at all: one
 * with capacity 2 and a mentee has free places. `used` is every mentee the mentor has (runs stored before it was
 * counted so hold only this run's); a mentor in one of the run's pairs has a mentee whatever the stored figures say.
 */
export function groupLeftOut(
  unmatched: readonly UnmatchedPerson[],
  pairs: readonly { mentor: { id: string } }[]
): LeftOut {
  const inRun = new Set(pairs.map((pair) => pair.mentor.id));
  const groups: LeftOut = { notMatched: [], freePlaces: [], alreadyPaired: [] };
  for (const person of unmatched) {
    if (person.reason === 'already-matched' || person.reason === 'no-free-capacity') groups.alreadyPaired.push(person);
    else if (person.role === 'mentor' && ((person.used ?? 0) > 0 || inRun.has(person.person.id)))
      groups.freePlaces.push(person);
    else groups.notMatched.push(person);
  }
  return groups;
}
