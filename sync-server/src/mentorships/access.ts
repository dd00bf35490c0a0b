import { parseDocName, type User } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import { checkProfileAccess } from '../profiles/access.ts';

export type DocAccess =
  { ok: true; docName: string; readOnly?: boolean } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Decides whether a user may open a document, and whether read-only. A mentorship document holds the pair's
 * confidential session notes, so only its mentor and its mentee may open it: not coordinators, not admins.
 * A profile document: see `checkProfileAccess` (owner read-write; coordinators of their programmes and admins
 * read-only).
 *
 * Archived programmes are read-only in the sync layer as in REST: a pair of an archived programme, or an ended pair,
 * opens read-only for its two members (they keep reading their notes, nothing changes them); a profile is read-only
 * for its owner when every programme they take part in is archived (the answers that programme matched on stay as
 * they were).
 */
export function checkDocAccess(store: MopStore, user: User, docName: string): DocAccess {
  const parsed = parseDocName(docName);
  if (!parsed) return { ok: false, status: 400, reason: 'Unknown document name' };
  switch (parsed.kind) {
    case 'mentorship': {
      const mentorship = store.getMentorship(parsed.id);
      if (!mentorship) return { ok: false, status: 404, reason: 'No such mentorship' };
      if (mentorship.mentorId !== user.id && mentorship.menteeId !== user.id) {
        return { ok: false, status: 403, reason: 'Only the mentor and the mentee of a pair may open its notes' };
      }
      const readOnly = mentorship.status === 'closed' || store.isProgrammeArchived(mentorship.programmeId);
      return readOnly ? { ok: true, docName, readOnly } : { ok: true, docName };
    }
    case 'profile': {
      const access = checkProfileAccess(store, user, parsed.id);
      if (!access.ok) return access;
      return { ok: true, docName, readOnly: access.readOnly || onlyInArchivedProgrammes(store, parsed.id) };
    }
  }
}

/** Whether the person takes part (as mentor or mentee) in programmes and every one of them is archived. */
function onlyInArchivedProgrammes(store: MopStore, userId: string): boolean {
  const programmes = new Set(
    store
      .listProgrammeRoles(userId)
      .filter((row) => row.role !== 'coordinator')
      .map((row) => row.programmeId)
  );
  return programmes.size > 0 && [...programmes].every((id) => store.isProgrammeArchived(id));
}
