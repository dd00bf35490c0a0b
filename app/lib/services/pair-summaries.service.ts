import { liveQuery, type Subscription } from 'dexie';
import type { ListedMentorship, Mentorship, PairSummary } from '@mop/shared';
import { db, saveStoredPairSummary } from './storage.service';

/**
 * The pair summaries kept on this device (`StoredPairSummary`): the home's cards and the header's notification
 * count read them instead of the pairs' Yjs documents. They come with the server's mentorship list, and from the
 * document itself whenever it is open here (`pair-summary-refresh.ts`), so an edit made offline shows at once.
 */

/** The signed-in user's own pairs, by document name: whom an open document's summary is computed for. */
const ownPairs = new Map<string, { userId: string; mentorship: Mentorship }>();

/** Whether `userId` is one of the pair's two members (coordinators and admins are listed other people's pairs). */
export function isOwnPair(mentorship: Mentorship, userId: string): boolean {
  return mentorship.mentor.id === userId || mentorship.mentee.id === userId;
}

/** Remembers the user's own pairs (from the list just read), for the summaries of documents opened later. */
export function rememberOwnPairs(userId: string, mentorships: Mentorship[]): void {
  ownPairs.clear();
  for (const mentorship of mentorships) {
    if (isOwnPair(mentorship, userId)) ownPairs.set(mentorship.docName, { userId, mentorship });
  }
}

/** The documents of the signed-in user's own pairs listed during this visit. */
export function ownPairDocNames(): string[] {
  return [...ownPairs.keys()];
}

/** The member and pair a document's summary is for, when it is one of the signed-in user's pairs. */
export function ownPairOfDoc(docName: string): { userId: string; mentorship: Mentorship } | undefined {
  return ownPairs.get(docName);
}

/**
 * Keeps the summaries the server sent with the list. A document with edits this device has not sent yet keeps its
 * own summary: the server's does not have them (the document is opened to send them, and its summary rewritten).
 */
export async function saveServerSummaries(
  userId: string,
  mentorships: ListedMentorship[],
  unsynced: Set<string>
): Promise<void> {
  await Promise.all(
    mentorships
      .filter((mentorship) => !unsynced.has(mentorship.docName))
      .flatMap(({ id, summary }) => (summary ? [saveStoredPairSummary(userId, id, summary)] : []))
  );
}

/** Follows the user's summaries kept on this device, by mentorship id (offline too). */
export function watchPairSummaries(
  userId: string,
  onchange: (summaries: Record<string, PairSummary>) => void
): Pick<Subscription, 'unsubscribe'> {
  return liveQuery(() => db().pairSummaries.where('userId').equals(userId).toArray()).subscribe({
    next: (rows) => onchange(Object.fromEntries(rows.map((row) => [row.mentorshipId, row.summary]))),
    error: (error: unknown) => console.error('MOP: could not read the saved pair summaries', error)
  });
}
