import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { acceptSession, addPin, markMessagesRead, proposeSession, sendMessage, type Mentorship } from '@mop/shared';
import { markFor, mergeNotifications, type NotificationItem, type NotificationMark, type PlainText } from './derive';
import { pairNotifications } from './pair-notifications';

/** What the notifications state does with every pair on the device: each pair's items, merged and marked. */
function deriveNotifications(
  userId: string,
  pairs: { mentorship: Mentorship; doc: Y.Doc }[],
  mark: NotificationMark | null,
  plainText?: PlainText
): NotificationItem[] {
  return mergeNotifications(
    pairs.map(({ mentorship, doc }) => pairNotifications(userId, mentorship, doc, plainText)),
    mark
  );
}

const mentorship: Mentorship = {
  id: 'pair-1',
  programmeId: 'prog',
  programmeName: 'Pilot',
  mentor: { id: 'mentor', name: 'Marta', email: 'm@example.org' },
  mentee: { id: 'mentee', name: 'Jonas', email: 'j@example.org' },
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  docName: 'mentorship:pair-1'
};
const pair = { mentorId: 'mentor', menteeId: 'mentee' };
const t = (minutes: number) => new Date(Date.parse('2026-02-01T10:00:00Z') + minutes * 60_000);

describe('deriveNotifications', () => {
  it("lists the other member's messages, session changes and pins (not one's own), newest first, all new at first", () => {
    const doc = new Y.Doc();
    sendMessage(doc, { author: 'mentor', text: 'Hi **there**' }, t(1));
    sendMessage(doc, { author: 'mentee', text: 'my own' }, t(2));
    const sessionId = proposeSession(
      doc,
      pair,
      'mentee',
      { title: 'Kick-off', slots: [t(60 * 24).toISOString()], durationMinutes: 60, timeZone: 'UTC' },
      t(3)
    );
    acceptSession(doc, pair, sessionId, 'mentor', t(60 * 24).toISOString(), t(4));
    addPin(doc, { kind: 'link', url: 'https://example.org' }, { pinnedBy: 'mentor', title: 'A link' }, t(5));

    const items = deriveNotifications('mentee', [{ mentorship, doc }], null);
    expect(items.map((item) => [item.kind, item.sessionEvent, item.detail])).toEqual([
      ['pin', null, 'A link'],
      ['session', 'accept', 'Kick-off'],
      ['message', null, 'Hi there'],
      ['match', null, 'Pilot']
    ]);
    expect(items.every((item) => item.isNew)).toBe(true);
    expect(items[0]?.href).toBe('/mentoring/pair-1/shelf');
  });

  it('tells the other member that the pair ended, and not the one who ended it', () => {
    const doc = new Y.Doc();
    const ended: Mentorship = {
      ...mentorship,
      status: 'closed',
      ending: {
        reason: 'not-a-fit',
        endedBy: { id: 'mentee', name: 'Jonas' },
        endedAt: t(10).toISOString(),
        note: '',
        rematchOffered: false
      }
    };
    const forMentor = deriveNotifications('mentor', [{ mentorship: ended, doc }], null);
    expect(forMentor[0]).toMatchObject({ kind: 'ended', otherName: 'Jonas', href: '/mentoring/pair-1', isNew: true });
    const forMentee = deriveNotifications('mentee', [{ mentorship: ended, doc }], null);
    expect(forMentee.map((item) => item.kind)).toEqual(['match']);
  });

  it('previews a message with the text the conversation shows, as the given renderer reads it', () => {
    const doc = new Y.Doc();
    sendMessage(doc, { author: 'mentor', text: 'Hello <script>alert(1)</script> **there**' }, t(1));
    // Stands in for messagePlainText (DOMPurify drops the script element with its content).
    const sanitisedText = (markdown: string) => markdown.replace(/<script>.*?<\/script>/g, '').replace(/\*\*/g, '');
    const items = deriveNotifications('mentee', [{ mentorship, doc }], null, sanitisedText);
    expect(items.find((item) => item.kind === 'message')?.detail).toBe('Hello there');
  });

  it('keeps viewed items old, makes later ones new, and drops a message read in the conversation', () => {
    const doc = new Y.Doc();
    sendMessage(doc, { author: 'mentor', text: 'first' }, t(1));
    const mark = markFor('mentee', deriveNotifications('mentee', [{ mentorship, doc }], null), t(2));
    sendMessage(doc, { author: 'mentor', text: 'second' }, t(3));
    let items = deriveNotifications('mentee', [{ mentorship, doc }], mark);
    expect(items.filter((item) => item.isNew).map((item) => item.detail)).toEqual(['second']);
    markMessagesRead(doc, 'mentee', t(4));
    items = deriveNotifications('mentee', [{ mentorship, doc }], mark);
    expect(items.filter((item) => item.isNew)).toEqual([]);
  });
});
