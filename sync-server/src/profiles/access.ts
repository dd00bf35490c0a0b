import type { User } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';

/** How a user may open someone's profile document, or why not. */
export type ProfileAccess = { ok: true; readOnly: boolean } | { ok: false; status: 403 | 404; reason: string };

/**
 * Who may open `profile:<userId>`: the person themselves reads and writes it (the questionnaire); coordinators of a
 * programme that person belongs to and admins may read it, over a read-only connection (matching reviews it, but
 * only its owner answers it); everyone else is refused.
 */
export function checkProfileAccess(store: MopStore, user: User, profileUserId: string): ProfileAccess {
  if (user.id === profileUserId) return { ok: true, readOnly: false };
  if (user.role === 'admin') {
    if (!store.findUserById(profileUserId)) return { ok: false, status: 404, reason: 'No such user' };
    return { ok: true, readOnly: true };
  }
  const theirs = new Set(store.listProgrammeRoles(profileUserId).map((row) => row.programmeId));
  const coordinates = store
    .listProgrammeRoles(user.id)
    .some((row) => row.role === 'coordinator' && theirs.has(row.programmeId));
  if (coordinates) return { ok: true, readOnly: true };
  return {
    ok: false,
    status: 403,
    reason: "Only its owner, the coordinators of the owner's programmes and admins may open a profile"
  };
}
