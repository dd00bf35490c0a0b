import type { Mentorship, User } from '@mop/shared';
import type { MatchingStore } from './store.ts';

/**
 * Adds the stored "why you were matched" to mentorships. The caller's own pairs always get it; other pairs (seen by
 * a coordinator or an admin) only when `includeOthers` is set — a mentor or mentee never sees another pair's.
 */
export function withMatchExplanations(
  matching: MatchingStore,
  user: User,
  mentorships: Mentorship[],
  includeOthers = false
): Mentorship[] {
  const shown = mentorships
    .filter((m) => includeOthers || m.mentor.id === user.id || m.mentee.id === user.id)
    .map((m) => m.id);
  const explanations = matching.matchExplanations(shown);
  return mentorships.map((m) => {
    const match = explanations.get(m.id);
    return match ? { ...m, match } : m;
  });
}
