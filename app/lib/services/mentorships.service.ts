import { MentorshipListSchema, type ListedMentorship, type Mentorship, type User, apiPaths } from '@mop/shared';
import { network } from '$lib/state/network.svelte';
import { personName } from '$lib/people';
import { ApiRequestError, NetworkError, apiRequest } from './api';
import { loadStoredMentorships, saveStoredMentorships, unsyncedDocNames } from './storage.service';
import { isOwnPair, rememberOwnPairs, saveServerSummaries } from './pair-summaries.service';
import { docsWithUnsavedEdits } from './doc-registry';

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
 * After the user's pairs were listed: remembers them (for their summaries), and opens in the background only the
 * documents holding edits made on this device that the server has not confirmed (notes written offline, the last
 * keystrokes an unload cut short), so they reach the server without the user opening the pair. The others stay
 * closed: the home reads the pairs' summaries, and Yjs loads where a document is opened.
 */
function followPairs(mentorships: Mentorship[], userId: string): void {
  lastKnown = mentorships;
  rememberOwnPairs(userId, mentorships);
  void sendPendingEdits(mentorships, userId).catch((error: unknown) =>
    console.error('MOP: could not open the documents with unsent edits', error)
  );
}

async function sendPendingEdits(mentorships: Mentorship[], userId: string): Promise<void> {
  const own = new Set(mentorships.filter((m) => isOwnPair(m, userId)).map((m) => m.docName));
  const pending = new Set([...(await unsyncedDocNames()), ...docsWithUnsavedEdits()].filter((name) => own.has(name)));
  if (pending.size === 0) return;
  const { openDoc } = await import('./docs.service');
  for (const docName of pending) openDoc(docName);
}

/**
 * Saves the list the server sent: the mentorships (without their summaries) and, apart, each own pair's summary,
 * which the device also rewrites from an open document.
 */
async function saveServerList(userId: string, mentorships: ListedMentorship[]): Promise<Mentorship[]> {
  const plain = mentorships.map(({ summary: _summary, ...mentorship }) => mentorship);
  await saveStoredMentorships(userId, plain);
  await saveServerSummaries(userId, mentorships, new Set(await unsyncedDocNames()));
  return plain;
}

/** The signed-in user's mentorships: from the server when online (saved for later), else from this device. */
export async function listMyMentorships(user: User): Promise<MentorshipListResult> {
  if (network.online) {
    try {
      const { mentorships: sent } = await apiRequest(apiPaths.mentorships(), MentorshipListSchema);
      const mentorships = await saveServerList(user.id, sent);
      followPairs(mentorships, user.id);
      return { mentorships, source: 'server' };
    } catch (error) {
      // 401 is handled by the session check; anything but a network failure is a real error for the user.
      if (!(error instanceof NetworkError)) throw error;
    }
  }
  const stored = await loadStoredMentorships(user.id);
  if (stored === null) throw new NotAvailableOfflineError();
  followPairs(stored, user.id);
  return { mentorships: stored, source: 'device' };
}

/** One of the user's mentorships, or null when it is not in their list. */
export async function findMyMentorship(user: User, id: string): Promise<Mentorship | null> {
  const stored = await loadStoredMentorships(user.id);
  const cached = stored?.find((mentorship) => mentorship.id === id);
  if (stored && cached) {
    followPairs(stored, user.id);
    return cached;
  }
  const { mentorships } = await listMyMentorships(user);
  return mentorships.find((mentorship) => mentorship.id === id) ?? null;
}

/** Refreshes the saved list after the session was confirmed; failures only leave the saved list in place. */
export function refreshMentorshipsInBackground(userId: string): void {
  apiRequest(apiPaths.mentorships(), MentorshipListSchema)
    .then(async ({ mentorships }) => followPairs(await saveServerList(userId, mentorships), userId))
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
