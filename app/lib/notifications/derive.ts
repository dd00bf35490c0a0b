import { personName } from '$lib/people';
import { byNewest, type Mentorship, type PairSummary, type SessionEventType } from '@mop/shared';

/** What a notification is about; the page words each kind. */
type NotificationKind = 'message' | 'session' | 'pin' | 'match' | 'ended';

export interface NotificationItem {
  /** Stable across reloads and devices: the kind and the record's own id. */
  id: string;
  kind: NotificationKind;
  /** ISO instant the notified thing happened (the other member's clock for their changes). */
  at: string;
  mentorshipId: string;
  /** The other member of the pair. */
  otherName: string;
  /** For sessions: which change the other member made. */
  sessionEvent: SessionEventType | null;
  /** A short text: the message's start, the session's title or the pin's title. */
  detail: string;
  href: string;
  isNew: boolean;
}

/** What the user has already seen on the notifications page (kept per user in Dexie). */
export interface NotificationMark {
  userId: string;
  seenAt: string;
  /** The ids listed when the page was last viewed. */
  seenIds: string[];
  /** The oldest listed item then: anything older was either seen or dropped off the list, so it is not new. */
  floorAt: string;
}

/** How many notifications the list keeps (newest first). */
const MAX_NOTIFICATIONS = 100;

/** Turns a message's Markdown into the text the conversation shows (see `messagePlainText`). */
export type PlainText = (markdown: string) => string;

/** One pair's part of the list, before the pairs are merged and compared with what the user has seen. */
export interface PairNotifications {
  items: Omit<NotificationItem, 'isNew'>[];
  /** The ids of the other member's messages the user has not read in the conversation. */
  unreadMessageIds: Set<string>;
}

/** A pair's own notices (the match, an ending by someone else) and where its news link to. */
export function pairNotices(userId: string, mentorship: Mentorship) {
  const items: Omit<NotificationItem, 'isNew'>[] = [];
  const isMentor = mentorship.mentor.id === userId;
  const otherName = personName(isMentor ? mentorship.mentee.name : mentorship.mentor.name);
  const base = `/mentoring/${encodeURIComponent(mentorship.id)}`;
  const common = { mentorshipId: mentorship.id, otherName, sessionEvent: null };

  items.push({
    ...common,
    id: `match:${mentorship.id}`,
    kind: 'match',
    at: mentorship.createdAt,
    detail: mentorship.programmeName,
    href: base
  });

  // The pair ended by someone else (the other member or a coordinator): the one notice of an ending, on every device.
  const ending = mentorship.ending;
  if (ending && ending.endedBy?.id !== userId) {
    items.push({
      ...common,
      id: `ended:${mentorship.id}`,
      kind: 'ended',
      at: ending.endedAt,
      detail: mentorship.programmeName,
      href: base
    });
  }
  const hrefs = { message: `${base}/messages`, session: `${base}/sessions`, pin: `${base}/shelf` };
  return { items, common, hrefs };
}

/**
 * The same from the pair's summary (`PairSummary.news`, no texts): enough to count what is new for the header,
 * without the document. A pair without a summary yet counts its own notices only.
 */
export function summaryNotifications(
  userId: string,
  mentorship: Mentorship,
  summary: PairSummary | undefined
): PairNotifications {
  const { items, common, hrefs } = pairNotices(userId, mentorship);
  const unreadMessageIds = new Set<string>();
  for (const news of summary?.news ?? []) {
    if (news.unread) unreadMessageIds.add(news.id);
    items.push({ ...common, id: news.id, kind: news.kind, at: news.at, detail: '', href: hrefs[news.kind] });
  }
  return { items, unreadMessageIds };
}

/** Merges the pairs' notifications, newest first, at most `MAX_NOTIFICATIONS`, and tells which are new. */
export function mergeNotifications(pairs: PairNotifications[], mark: NotificationMark | null): NotificationItem[] {
  const items = pairs.flatMap((pair) => pair.items);
  const unreadMessageIds = new Set(pairs.flatMap((pair) => [...pair.unreadMessageIds]));
  const seen = new Set(mark?.seenIds ?? []);
  return items
    .sort(byNewest)
    .slice(0, MAX_NOTIFICATIONS)
    .map((item) => {
      const unseen = mark === null || (!seen.has(item.id) && item.at >= mark.floorAt);
      // A message read in the conversation is no longer news, whatever this list says.
      const stillRelevant = item.kind !== 'message' || unreadMessageIds.has(item.id);
      return { ...item, isNew: unseen && stillRelevant };
    });
}

/** The mark to keep after the user viewed `items`. */
export function markFor(userId: string, items: NotificationItem[], now: Date): NotificationMark {
  const oldest = items.at(-1)?.at ?? '';
  return { userId, seenAt: now.toISOString(), seenIds: items.map((item) => item.id), floorAt: oldest };
}
