import { unreadCount, type Mentorship, type User } from '@mop/shared';
import type { Subscription } from 'dexie';
import { openDoc, type DocHandle } from '$lib/services/docs.service';
import { deriveNotifications, markFor, type NotificationItem, type NotificationMark } from './derive';
import { messagePlainText } from './message-text';
import { loadNotificationMark, saveNotificationMark, watchStoredMentorships } from './notifications.service';

/**
 * The signed-in user's notifications and per-pair unread message counts, kept up to date from the pairs' documents
 * on this device (offline too). One instance for the app; the root layout tells it who is signed in.
 */
class NotificationsState {
  items = $state.raw<NotificationItem[]>([]);
  /** Unread messages of the other member, per mentorship id. */
  unreadByMentorship = $state.raw<Record<string, number>>({});
  /** Items that were new when the page was opened: they stay highlighted while it is open. */
  highlighted = $state.raw<Set<string>>(new Set());
  ready = $state(false);
  newCount = $derived(this.items.filter((item) => item.isNew).length);

  #userId: string | null = null;
  #mark: NotificationMark | null = null;
  #pairs = new Map<string, { mentorship: Mentorship; handle: DocHandle; off: () => void }>();
  #subscription: Subscription | null = null;
  #scheduled = false;

  /** Starts following `user` (or stops when signed out); a no-op when the user did not change. */
  follow(user: User | null): void {
    const userId = user?.id ?? null;
    if (userId === this.#userId) return;
    this.#stop();
    this.#userId = userId;
    if (!userId) return;
    void loadNotificationMark(userId).then(
      (mark) => {
        if (this.#userId !== userId) return;
        this.#mark = mark;
        this.#subscription = watchStoredMentorships(userId, (mentorships) => this.#setMentorships(userId, mentorships));
      },
      (error: unknown) => console.error('MOP: could not read the notifications marker', error)
    );
  }

  /** Records that the user saw the current list: the header badge clears, the page keeps highlighting them. */
  async markSeen(now = new Date()): Promise<void> {
    const userId = this.#userId;
    if (!userId || !this.ready) return;
    const fresh = this.items.filter((item) => item.isNew).map((item) => item.id);
    if (fresh.length > 0) this.highlighted = new Set([...this.highlighted, ...fresh]);
    const mark = markFor(userId, this.items, now);
    this.#mark = mark;
    this.#refresh();
    await saveNotificationMark(mark);
  }

  /** Forgets the highlight when the page is left. */
  clearHighlight(): void {
    this.highlighted = new Set();
  }

  #setMentorships(userId: string, mentorships: Mentorship[]): void {
    const own = mentorships.filter((m) => m.mentor.id === userId || m.mentee.id === userId);
    const wanted = new Set(own.map((m) => m.id));
    for (const [id, pair] of this.#pairs) {
      if (!wanted.has(id)) {
        pair.off();
        this.#pairs.delete(id);
      }
    }
    const loads: Promise<void>[] = [];
    for (const mentorship of own) {
      const known = this.#pairs.get(mentorship.id);
      if (known) {
        known.mentorship = mentorship;
        continue;
      }
      const handle = openDoc(mentorship.docName);
      const onUpdate = () => this.#schedule();
      handle.doc.on('update', onUpdate);
      this.#pairs.set(mentorship.id, { mentorship, handle, off: () => handle.doc.off('update', onUpdate) });
      loads.push(handle.ready);
    }
    void Promise.allSettled(loads).then(() => {
      if (this.#userId !== userId) return;
      this.ready = true;
      this.#refresh();
    });
  }

  /** Coalesces bursts of document updates (a sync brings many) into one recomputation. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#refresh();
    });
  }

  #refresh(): void {
    const userId = this.#userId;
    if (!userId || !this.ready) return;
    const pairs = [...this.#pairs.values()].map(({ mentorship, handle }) => ({ mentorship, doc: handle.doc }));
    this.items = deriveNotifications(userId, pairs, this.#mark, messagePlainText);
    const unread: Record<string, number> = {};
    for (const { mentorship, doc } of pairs) unread[mentorship.id] = unreadCount(doc, userId);
    this.unreadByMentorship = unread;
  }

  #stop(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    for (const pair of this.#pairs.values()) pair.off();
    this.#pairs.clear();
    this.#mark = null;
    this.items = [];
    this.unreadByMentorship = {};
    this.highlighted = new Set();
    this.ready = false;
  }
}

export const notifications = new NotificationsState();
