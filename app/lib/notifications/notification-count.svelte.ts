import type { Mentorship, PairSummary } from '@mop/shared';
import type { Subscription } from 'dexie';
import { network } from '$lib/state/network.svelte';
import { UserFollower } from '$lib/state/user-follower.svelte';
import { isOwnPair, watchPairSummaries } from '$lib/services/pair-summaries.service';
import { refreshMentorshipsInBackground } from '$lib/services/mentorships.service';
import { mergeNotifications, summaryNotifications, type NotificationMark } from './derive';
import { watchNotificationMark, watchStoredMentorships } from './notifications.service';

/** How often the list (with the pairs' summaries) is asked for again while the app is visible and online. */
export const REFRESH_INTERVAL_MS = 10_000;

type Unsubscribe = Pick<Subscription, 'unsubscribe'>;

/** Where the count comes from; the app's are IndexedDB and the server's list, tests give their own. */
export interface CountSources {
  watchMentorships(userId: string, onchange: (mentorships: Mentorship[]) => void): Unsubscribe;
  watchSummaries(userId: string, onchange: (summaries: Record<string, PairSummary>) => void): Unsubscribe;
  watchMark(userId: string, onchange: (mark: NotificationMark | null) => void): Unsubscribe;
  /** Asks the server for the list again (it saves the summaries it brings); the count follows through the watches. */
  refresh(userId: string): void;
}

const deviceSources: CountSources = {
  watchMentorships: watchStoredMentorships,
  watchSummaries: watchPairSummaries,
  watchMark: watchNotificationMark,
  refresh: refreshMentorshipsInBackground
};

/**
 * The header's count of new notifications, from the pairs' summaries kept on this device (not their documents: the
 * header is on every signed-in page, and Yjs loads only where a document is opened). The same items and the same
 * comparison with what the user last saw as the notifications page (`mergeNotifications`), without the texts. The
 * summaries change when the server's list is read again — every `REFRESH_INTERVAL_MS` while the app is visible and
 * online — and at once when a document open on this device changes.
 */
export class NotificationCount extends UserFollower {
  #mentorships = $state.raw<Mentorship[] | null>(null);
  #summaries = $state.raw<Record<string, PairSummary>>({});
  /** `undefined` until read (nothing is counted before: the count would flash). */
  #mark = $state.raw<NotificationMark | null | undefined>(undefined);
  #subscriptions: Unsubscribe[] = [];
  #timer: ReturnType<typeof setInterval> | null = null;

  newCount = $derived.by(() => {
    const userId = this.userId;
    const mark = this.#mark;
    if (!userId || this.#mentorships === null || mark === undefined) return 0;
    const pairs = this.#mentorships
      .filter((mentorship) => isOwnPair(mentorship, userId))
      .map((mentorship) => summaryNotifications(userId, mentorship, this.#summaries[mentorship.id]));
    return mergeNotifications(pairs, mark).filter((item) => item.isNew).length;
  });

  constructor(private readonly sources: CountSources = deviceSources) {
    super();
  }

  protected start(userId: string): void {
    this.#subscriptions = [
      this.sources.watchMentorships(userId, (mentorships) => (this.#mentorships = mentorships)),
      this.sources.watchSummaries(userId, (summaries) => (this.#summaries = summaries)),
      this.sources.watchMark(userId, (mark) => (this.#mark = mark))
    ];
    if (typeof window === 'undefined') return;
    this.#timer = setInterval(() => {
      if (network.online && document.visibilityState === 'visible') this.sources.refresh(userId);
    }, REFRESH_INTERVAL_MS);
  }

  protected stop(): void {
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#subscriptions = [];
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#mentorships = null;
    this.#summaries = {};
    this.#mark = undefined;
  }
}

export const notificationCount = new NotificationCount();
