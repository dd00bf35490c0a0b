import { liveQuery, type Subscription } from 'dexie';
import type { Mentorship } from '@mop/shared';
import { db } from '$lib/services/storage.service';
import type { NotificationMark } from './derive';

/** What the user last saw on the notifications page, on this device. */
export async function loadNotificationMark(userId: string): Promise<NotificationMark | null> {
  return (await db().notificationMarks.get(userId)) ?? null;
}

export async function saveNotificationMark(mark: NotificationMark): Promise<void> {
  await db().notificationMarks.put(mark);
}

/**
 * Follows the user's mentorships as saved on this device (the list the app refreshes from the server), so a pair
 * that appears after a match shows up here without a reload, and offline too.
 */
export function watchStoredMentorships(userId: string, onchange: (mentorships: Mentorship[]) => void): Subscription {
  return liveQuery(() => db().mentorships.where('userId').equals(userId).toArray()).subscribe({
    next: (rows) => onchange(rows.map((row) => row.mentorship)),
    error: (error: unknown) => console.error('MOP: could not read the saved mentorships', error)
  });
}

/** Follows what the user last saw on the notifications page (null before the first visit), offline too. */
export function watchNotificationMark(
  userId: string,
  onchange: (mark: NotificationMark | null) => void
): Pick<Subscription, 'unsubscribe'> {
  return liveQuery(() => db().notificationMarks.get(userId)).subscribe({
    next: (mark) => onchange(mark ?? null),
    error: (error: unknown) => console.error('MOP: could not read the notifications marker', error)
  });
}
