import { unreadCount, WORKSPACE_KEYS, type Mentorship } from '@mop/shared';
import type { Subscription } from 'dexie';
import { openDoc, type DocHandle } from '$lib/services/docs.service';
import { DocMirror, type Projection } from '$lib/state/doc-mirror.svelte';
import { UserFollower } from '$lib/state/user-follower.svelte';
import { rememberOwnPairs } from '$lib/services/pair-summaries.service';
import {
  markFor,
  mergeNotifications,
  type NotificationItem,
  type NotificationMark,
  type PairNotifications,
  type PlainText
} from './derive';
import { pairNotifications } from './pair-notifications';
import { loadNotificationMark, saveNotificationMark, watchStoredMentorships } from './notifications.service';

/**
 * What one pair's document has to tell its member: their notifications from it and the unread message count. Each
 * is re-read only when the top-level types it reads changed (a new pin does not recount the messages).
 */
class PairActivity extends DocMirror {
  mentorship: Mentorship;
  notifications = $state.raw<PairNotifications>({ items: [], unreadMessageIds: new Set() });
  unread = $state(0);

  constructor(
    handle: DocHandle,
    mentorship: Mentorship,
    readonly userId: string,
    private plainText: PlainText | undefined
  ) {
    super(handle);
    this.mentorship = $state.raw(mentorship);
  }

  /** Renders message previews with `plainText` from now on. */
  usePlainText(plainText: PlainText): void {
    this.plainText = plainText;
    if (this.status === 'ready') this.#readNotifications();
  }

  /** Takes the server's newer copy of the mentorship (names, programme) and re-reads what shows it. */
  update(mentorship: Mentorship): void {
    this.mentorship = mentorship;
    if (this.status === 'ready') this.#readNotifications();
  }

  protected projections(): Projection[] {
    const doc = this.handle.doc;
    const messages = doc.getArray(WORKSPACE_KEYS.messages);
    const lastRead = doc.getMap(WORKSPACE_KEYS.lastRead);
    return [
      { sources: () => [messages, lastRead], refresh: () => (this.unread = unreadCount(doc, this.userId)) },
      {
        sources: () => [messages, lastRead, doc.getMap(WORKSPACE_KEYS.sessions), doc.getMap(WORKSPACE_KEYS.pins)],
        refresh: () => this.#readNotifications()
      }
    ];
  }

  #readNotifications(): void {
    this.notifications = pairNotifications(this.userId, this.mentorship, this.handle.doc, this.plainText);
  }
}

/** Where the notifications come from; the app's are IndexedDB and the open documents, tests give their own. */
export interface NotificationSources {
  openDoc(docName: string): DocHandle;
  loadMark(userId: string): Promise<NotificationMark | null>;
  saveMark(mark: NotificationMark): Promise<void>;
  watchMentorships(userId: string, onchange: (mentorships: Mentorship[]) => void): Pick<Subscription, 'unsubscribe'>;
  /**
   * How a message's Markdown becomes the preview's text (the app reads the conversation's rendering; needs a DOM).
   * The app sets it from the notifications page (`usePlainText`): the header's count needs no renderer, so the other
   * pages do not download marked and DOMPurify for it.
   */
  plainText?: PlainText;
}

const deviceSources: NotificationSources = {
  openDoc,
  loadMark: loadNotificationMark,
  saveMark: saveNotificationMark,
  watchMentorships: watchStoredMentorships
};

/**
 * The signed-in user's notifications and per-pair unread message counts, kept up to date from the pairs' documents
 * on this device (offline too): each pair is a `DocMirror`, and the list is derived from them. One instance for the
 * app; the notifications page follows the signed-in user while it is open (the header's count is
 * `NotificationCount`, from the pairs' summaries).
 */
export class NotificationsState extends UserFollower {
  /** Items that were new when the page was opened: they stay highlighted while it is open. */
  highlighted = $state.raw<Set<string>>(new Set());

  #mark = $state.raw<NotificationMark | null>(null);
  /** Whether the user's mentorships were read from the device (the list is empty before, not "no news"). */
  #listed = $state(false);
  #pairs = $state.raw<PairActivity[]>([]);
  #subscription: Pick<Subscription, 'unsubscribe'> | null = null;

  /** True once the mentorships and every pair's document were read (a document that failed counts as read). */
  ready = $derived.by(() => this.#listed && this.#pairs.every((pair) => pair.status !== 'loading'));
  items = $derived.by<NotificationItem[]>(() =>
    this.ready
      ? mergeNotifications(
          this.#loaded().map((pair) => pair.notifications),
          this.#mark
        )
      : []
  );
  /** Unread messages of the other member, per mentorship id. */
  unreadByMentorship = $derived.by(() =>
    Object.fromEntries(this.#loaded().map((pair) => [pair.mentorship.id, pair.unread]))
  );
  newCount = $derived(this.items.filter((item) => item.isNew).length);

  #plainText: PlainText | undefined;

  constructor(private readonly sources: NotificationSources = deviceSources) {
    super();
    this.#plainText = sources.plainText;
  }

  protected start(userId: string): void {
    this.sources.loadMark(userId).then(
      (mark) => {
        if (this.userId !== userId) return;
        this.#mark = mark;
        this.#subscription = this.sources.watchMentorships(userId, (mentorships) =>
          this.#setMentorships(userId, mentorships)
        );
      },
      (error: unknown) => console.error('MOP: could not read the notifications marker', error)
    );
  }

  /**
   * Renders message previews as the conversation shows them, with `plainText` (`messagePlainText`), from now on; the
   * page that shows the previews calls it before it renders them.
   */
  usePlainText(plainText: PlainText): void {
    if (this.#plainText === plainText) return;
    this.#plainText = plainText;
    for (const pair of this.#pairs) pair.usePlainText(plainText);
  }

  /** Records that the user saw the current list: the header badge clears, the page keeps highlighting them. */
  async markSeen(now = new Date()): Promise<void> {
    const userId = this.userId;
    if (!userId || !this.ready) return;
    const fresh = this.items.filter((item) => item.isNew).map((item) => item.id);
    if (fresh.length > 0) this.highlighted = new Set([...this.highlighted, ...fresh]);
    const mark = markFor(userId, this.items, now);
    this.#mark = mark;
    await this.sources.saveMark(mark);
  }

  /** Forgets the highlight when the page is left. */
  clearHighlight(): void {
    this.highlighted = new Set();
  }

  /** The pairs whose documents were read; one that failed to load adds nothing. */
  #loaded(): PairActivity[] {
    return this.#pairs.filter((pair) => pair.status === 'ready');
  }

  #setMentorships(userId: string, mentorships: Mentorship[]): void {
    if (this.userId !== userId) return;
    // The documents opened here rewrite their pair's summary for this user (the header's count reads it).
    rememberOwnPairs(userId, mentorships);
    const own = mentorships.filter((m) => m.mentor.id === userId || m.mentee.id === userId);
    const known = new Map(this.#pairs.map((pair) => [pair.mentorship.id, pair]));
    const pairs = own.map((mentorship) => {
      const pair = known.get(mentorship.id);
      known.delete(mentorship.id);
      if (!pair) return new PairActivity(this.sources.openDoc(mentorship.docName), mentorship, userId, this.#plainText);
      pair.update(mentorship);
      return pair;
    });
    for (const gone of known.values()) gone.dispose();
    this.#pairs = pairs;
    this.#listed = true;
  }

  protected stop(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    for (const pair of this.#pairs) pair.dispose();
    this.#pairs = [];
    this.#listed = false;
    this.#mark = null;
    this.highlighted = new Set();
  }
}

export const notifications = new NotificationsState();
