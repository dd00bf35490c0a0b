import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPin, markMessagesRead, sendMessage, type Mentorship, type User } from '@mop/shared';
import type { DocHandle } from '$lib/services/docs.service';
import { saveStoredMentorships } from '$lib/services/storage.service';
import { NotificationsState, type NotificationSources } from './notifications.svelte';
import { loadNotificationMark, saveNotificationMark, watchStoredMentorships } from './notifications.service';

let users = 0;
/** A fresh user per test, so what one test keeps in (in-memory) IndexedDB never reaches another. */
function newMentee(): User {
  users += 1;
  return { id: `mentee-${users}`, name: 'Jonas', email: `jonas${users}@example.org`, role: 'mentee' };
}

function mentorshipOf(user: User, id: string, mentorName = 'Marta'): Mentorship {
  return {
    id: `${user.id}-${id}`,
    programmeId: 'prog',
    programmeName: 'Pilot',
    mentor: { id: `mentor-${id}`, name: mentorName, email: `mentor-${id}@example.org` },
    mentee: { id: user.id, name: user.name, email: user.email },
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    docName: `mentorship:${user.id}-${id}`
  };
}

/**
 * The device's own sources (the mark and the saved mentorships in Dexie, here on fake-indexeddb), with the pairs'
 * documents handed over by the test instead of opened with a sync connection. `failing` documents do not load.
 */
function sourcesWith(docs: Map<string, Y.Doc>, failing: Set<string> = new Set()): NotificationSources {
  const failure = Object.assign(new Error('open failed'), { name: 'OpenFailedError' });
  return {
    openDoc: (docName): DocHandle => {
      let doc = docs.get(docName);
      if (!doc) docs.set(docName, (doc = new Y.Doc()));
      const ready = failing.has(docName) ? Promise.reject(failure) : Promise.resolve();
      return { docName, doc, ready, provider: null!, sync: null!, formatSupported: () => true };
    },
    loadMark: loadNotificationMark,
    saveMark: saveNotificationMark,
    watchMentorships: watchStoredMentorships
  };
}

/** Waits until `condition` holds (Dexie's live queries answer asynchronously). */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the notifications');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const kindsOf = (state: NotificationsState) => state.items.map((item) => [item.kind, item.detail, item.isNew]);

describe('NotificationsState', () => {
  it("lists the other member's news from the pair's document and follows it, message by message", async () => {
    const user = newMentee();
    const pair = mentorshipOf(user, 'a');
    const doc = new Y.Doc();
    sendMessage(doc, { author: pair.mentor.id, text: 'Welcome to the pilot' }, new Date('2026-02-01T10:00:00Z'));
    await saveStoredMentorships(user.id, [pair]);
    const state = new NotificationsState(sourcesWith(new Map([[pair.docName, doc]])));
    expect(state.ready).toBe(false);

    state.follow(user);
    await until(() => state.ready);
    expect(kindsOf(state)).toEqual([
      ['message', 'Welcome to the pilot', true],
      ['match', 'Pilot', true]
    ]);
    expect(state.newCount).toBe(2);
    expect(state.unreadByMentorship).toEqual({ [pair.id]: 1 });

    addPin(doc, { kind: 'link', url: 'https://example.org' }, { pinnedBy: pair.mentor.id, title: 'Reading' });
    sendMessage(doc, { author: user.id, text: 'My own reply' });
    expect(kindsOf(state)[0]).toEqual(['pin', 'Reading', true]);
    expect(state.items.some((item) => item.detail === 'My own reply')).toBe(false);
    expect(state.unreadByMentorship).toEqual({ [pair.id]: 1 });

    // Reading the conversation makes its messages old news, here and in the pair list's badge.
    markMessagesRead(doc, user.id);
    expect(state.unreadByMentorship).toEqual({ [pair.id]: 0 });
    expect(state.items.find((item) => item.kind === 'message')?.isNew).toBe(false);

    state.follow(null);
    expect(state.ready).toBe(false);
    expect(state.items).toEqual([]);
    sendMessage(doc, { author: pair.mentor.id, text: 'After signing out' });
    expect(state.items).toEqual([]);
  });

  it('remembers on the device what the user saw: the badge clears and stays clear on the next visit', async () => {
    const user = newMentee();
    const pair = mentorshipOf(user, 'a');
    const docs = new Map<string, Y.Doc>();
    await saveStoredMentorships(user.id, [pair]);
    const state = new NotificationsState(sourcesWith(docs));
    state.follow(user);
    await until(() => state.ready);
    expect(state.newCount).toBe(1);

    await state.markSeen(new Date('2026-03-01T00:00:00Z'));
    expect(state.newCount).toBe(0);
    // The page keeps highlighting what was new when it was opened.
    expect([...state.highlighted]).toEqual([`match:${pair.id}`]);
    state.clearHighlight();
    expect(state.highlighted.size).toBe(0);

    const nextVisit = new NotificationsState(sourcesWith(docs));
    nextVisit.follow(user);
    await until(() => nextVisit.ready);
    expect(nextVisit.items).toHaveLength(1);
    expect(nextVisit.newCount).toBe(0);
    state.follow(null);
    nextVisit.follow(null);
  });

  it('follows the saved list of pairs: a new match appears, a renamed member is renamed, an ended pair goes', async () => {
    const user = newMentee();
    const first = mentorshipOf(user, 'a', 'Marta');
    const second = mentorshipOf(user, 'b', 'Luca');
    const docs = new Map<string, Y.Doc>();
    await saveStoredMentorships(user.id, [first]);
    const state = new NotificationsState(sourcesWith(docs));
    state.follow(user);
    await until(() => state.ready);
    expect(state.items.map((item) => item.otherName)).toEqual(['Marta']);

    await saveStoredMentorships(user.id, [{ ...first, mentor: { ...first.mentor, name: 'Marta R.' } }, second]);
    await until(() => state.items.length === 2);
    expect(state.items.map((item) => item.otherName).sort()).toEqual(['Luca', 'Marta R.']);
    expect(Object.keys(state.unreadByMentorship).sort()).toEqual([first.id, second.id]);

    await saveStoredMentorships(user.id, [second]);
    await until(() => state.items.length === 1);
    expect(state.items[0]?.otherName).toBe('Luca');
    // The ended pair's document is no longer followed.
    sendMessage(docs.get(first.docName)!, { author: first.mentor.id, text: 'Still there?' });
    expect(state.items).toHaveLength(1);
    state.follow(null);
  });

  it("is ready when a pair's document cannot be read, and lists the other pairs", async () => {
    const user = newMentee();
    const readable = mentorshipOf(user, 'a', 'Marta');
    const broken = mentorshipOf(user, 'b', 'Luca');
    await saveStoredMentorships(user.id, [readable, broken]);
    const state = new NotificationsState(sourcesWith(new Map(), new Set([broken.docName])));
    state.follow(user);
    await until(() => state.ready);
    expect(state.items.map((item) => item.otherName)).toEqual(['Marta']);
    expect(state.unreadByMentorship).toEqual({ [readable.id]: 0 });
    state.follow(null);
  });
});
