import type { Mentorship, Role, User } from '@mop/shared';

/**
 * Who takes part in pairs, and where each role starts. Coordinators and admins are sent the programme's pairs (for
 * their metadata) but may not open a pair's notes, so the pair lists and the start page follow membership, not the
 * list the server sends.
 */

/** Whether this role can be the mentor or the mentee of a pair. */
export function takesPartInPairs(role: Role): boolean {
  return role === 'mentor' || role === 'mentee';
}

/** The pairs `userId` is the mentor or the mentee of, in the order given. */
export function pairsOf(mentorships: Mentorship[], userId: string): Mentorship[] {
  return mentorships.filter((mentorship) => mentorship.mentor.id === userId || mentorship.mentee.id === userId);
}

/** Where a signed-in user starts: their mentoring for pair members, the programmes for coordinators and admins. */
export function homePathFor(user: Pick<User, 'role'>): '/mentoring' | '/programmes' {
  return takesPartInPairs(user.role) ? '/mentoring' : '/programmes';
}
