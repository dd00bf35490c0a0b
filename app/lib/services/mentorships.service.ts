import { MentorshipListSchema, type Mentorship, type User, apiPaths } from '@mop/shared';
import { network } from '$lib/state/network.svelte';
import { personName } from '$lib/people';
import { ApiRequestError, NetworkError, apiRequest } from './api';
import { loadStoredMentorships, saveStoredMentorships } from './storage.service';
import { openDoc } from './docs.service';

export interface MentorshipListResult {
  mentorships: Mentorship[];
  /** 'device' when the list comes from this device because the server could not be reached. */
  source: 'server' | 'device';
}

/** Thrown when neither the server nor this device has the data. */
export class NotAvailableOfflineError extends Error {
  constructor() {
    super('Not saved on this device yet');
    this.name = 'NotAvailableOfflineError';
  }
}

let lastKnown: Mentorship[] = [];

/** Document names of the mentorships seen during this visit. */
export function knownDocNames(): string[] {
  return lastKnown.map((mentorship) => mentorship.docName);
}

/**
 * Opens every pair's document so that it syncs in the background: a mentee who never opened the workspace still
 * has the mentor's latest notes on the device when the network goes away.
 */
/**
 * Opens (and so keeps syncing) the documents of the pairs the user is a member of. Coordinators and admins are
 * listed other pairs too, but the server refuses them those documents: opening them would only fail.
 */
function keepDocsInSync(mentorships: Mentorship[], userId: string): void {
  lastKnown = mentorships;
  for (const mentorship of mentorships) {
    if (mentorship.mentor.id === userId || mentorship.mentee.id === userId) openDoc(mentorship.docName);
  }
}

/** The signed-in user's mentorships: from the server when online (saved for later), else from this device. */
export async function listMyMentorships(user: User): Promise<MentorshipListResult> {
  if (network.online) {
    try {
      const { mentorships } = await apiRequest(apiPaths.mentorships(), MentorshipListSchema);
      await saveStoredMentorships(user.id, mentorships);
      keepDocsInSync(mentorships, user.id);
      return { mentorships, source: 'server' };
    } catch (error) {
      // 401 is handled by the session check; anything but a network failure is a real error for the user.
      if (!(error instanceof NetworkError)) throw error;
    }
  }
  const stored = await loadStoredMentorships(user.id);
  if (stored === null) throw new NotAvailableOfflineError();
  keepDocsInSync(stored, user.id);
  return { mentorships: stored, source: 'device' };
}

/** One of the user's mentorships, or null when it is not in their list. */
export async function findMyMentorship(user: User, id: string): Promise<Mentorship | null> {
  const stored = await loadStoredMentorships(user.id);
  const cached = stored?.find((mentorship) => mentorship.id === id);
  if (stored && cached) {
    keepDocsInSync(stored, user.id);
    return cached;
  }
  const { mentorships } = await listMyMentorships(user);
  return mentorships.find((mentorship) => mentorship.id === id) ?? null;
}

/** Refreshes the saved list after the session was confirmed; failures only leave the saved list in place. */
export function refreshMentorshipsInBackground(userId: string): void {
  apiRequest(apiPaths.mentorships(), MentorshipListSchema)
    .then(async ({ mentorships }) => {
      await saveStoredMentorships(userId, mentorships);
      keepDocsInSync(mentorships, userId);
    })
    .catch((error: unknown) => {
      if (!(error instanceof NetworkError) && !(error instanceof ApiRequestError && error.status === 401)) {
        console.warn('MOP: could not refresh the mentorship list', error);
      }
    });
}

/** The other member of a pair, seen from `user`. */
export function otherMember(
  mentorship: Mentorship,
  user: User
): { name: string; email: string; role: 'mentor' | 'mentee' } {
  const other = mentorship.mentor.id === user.id ? mentorship.mentee : mentorship.mentor;
  return { ...other, name: personName(other.name), role: mentorship.mentor.id === user.id ? 'mentee' : 'mentor' };
}

/** The pair's two names by user id, to show who wrote, proposed or pinned something. */
export function memberNames(mentorship: Mentorship): Record<string, string> {
  return {
    [mentorship.mentor.id]: personName(mentorship.mentor.name),
    [mentorship.mentee.id]: personName(mentorship.mentee.name)
  };
}
