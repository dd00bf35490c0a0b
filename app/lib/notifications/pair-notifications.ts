import type * as Y from 'yjs';
import { pairNews, type Mentorship } from '@mop/shared';
import { pairNotices, type PairNotifications, type PlainText } from './derive';

// The notifications read from a pair's document, with their texts (the notifications page); apart from `derive.ts`,
// which the header's count loads without Yjs.

/**
 * Without a DOM (unit tests) the marks are only stripped. The app passes `messagePlainText`, which reads the same
 * sanitised rendering the conversation shows, so the preview and the conversation agree.
 */
const stripMarks: PlainText = (markdown) => markdown.replace(/<[^>]*>/g, '').replace(/[*_`#>[\]()!~]/g, '');

/** A one-line preview of a message. */
function preview(markdown: string, plainText: PlainText): string {
  const plain = plainText(markdown).replace(/\s+/g, ' ').trim();
  return plain.length > 90 ? `${plain.slice(0, 89)}…` : plain;
}

/** What one pair's document has to notify `userId` of (the app recomputes it only when that document changed). */
export function pairNotifications(
  userId: string,
  mentorship: Mentorship,
  doc: Y.Doc,
  plainText: PlainText = stripMarks
): PairNotifications {
  const { items, common, hrefs } = pairNotices(userId, mentorship);
  const unreadMessageIds = new Set<string>();
  const pair = { mentorId: mentorship.mentor.id, menteeId: mentorship.mentee.id };
  for (const event of pairNews(doc, pair, userId)) {
    if (event.unread) unreadMessageIds.add(event.id);
    items.push({
      ...common,
      id: event.id,
      kind: event.kind,
      sessionEvent: event.sessionEvent,
      at: event.at,
      detail: event.kind === 'message' ? preview(event.text, plainText) : event.text,
      href: hrefs[event.kind]
    });
  }
  return { items, unreadMessageIds };
}
