import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { sendMessage, summarisePair, type Mentorship, type User } from '@mop/shared';
import type { DocHandle } from '$lib/services/docs.service';
import { saveStoredMentorships, saveStoredPairSummary } from '$lib/services/storage.service';
import { watchPairSummaries } from '$lib/services/pair-summaries.service';
import { NotificationCount, REFRESH_INTERVAL_MS, type CountSources } from './notification-count.svelte';
import { NotificationsState } from './notifications.svelte';
import {
  loadNotificationMark,
  saveNotificationMark,
  watchNotificationMark,
  watchStoredMentorships
} from './notifications.service';

/**
 * The header's count reads the pairs' summaries kept on the device, never their documents: it must agree with the
 * notifications page (which reads the documents) and follow what the page marks as seen.
 */

let users = 0;
function newMentee(): User {
  users += 1;
  return { id: `count-mentee-${users}`, name: 'Jonas', email: `count${users}@example.org`, role: 'mentee' };
}

function mentorshipOf(user: User): Mentorship {
  return {
    id: `${user.id}-pair`,
    programmeId: 'prog',
    programmeName: 'Pilot',
    mentor: { id: `${user.id}-mentor`, name: 'Marta', email: `${user.id}-mentor@example.org` },
    mentee: { id: user.id, name: user.name, email: user.email },
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    docName: `mentorship:${user.id}-pair`
  };
}

function deviceSources(refresh: (userId: string) => void = () => undefined): CountSources {
  return {
    watchMentorships: watchStoredMentorships,
    watchSummaries: watchPairSummaries,
    watchMark: watchNotificationMark,
    refresh
  };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the count');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const summaryOf = (doc: Y.Doc, pair: Mentorship, user: User) =>
  summarisePair(doc, { mentorId: pair.mentor.id, menteeId: pair.mentee.id }, user.id);

describe('NotificationCount', () => {
  it('counts from the kept summaries as the notifications page counts from the documents, and clears when seen', async () => {
    const user = newMentee();
    const pair = mentorshipOf(user);
    const doc = new Y.Doc();
    sendMessage(doc, { author: pair.mentor.id, text: 'Welcome' }, new Date('2026-02-01T10:00:00Z'));
    sendMessage(doc, { author: pair.mentor.id, text: 'Are you there?' }, new Date('2026-02-02T10:00:00Z'));
    await saveStoredMentorships(user.id, [pair]);

    const count = new NotificationCount(deviceSources());
    count.follow(user);
    // Before the pair has a summary, only the match is news.
    await until(() => count.newCount === 1);
    await saveStoredPairSummary(user.id, pair.id, summaryOf(doc, pair, user));
    await until(() => count.newCount === 3);

    // The page (reading the document) lists the same three as new, and marks them seen: the header follows.
    const page = new NotificationsState({
      openDoc: (docName): DocHandle => ({
        docName,
        doc,
        ready: Promise.resolve(),
        provider: null!,
        sync: null!,
        formatSupported: () => true
      }),
      loadMark: loadNotificationMark,
      saveMark: saveNotificationMark,
      watchMentorships: watchStoredMentorships
    });
    page.follow(user);
    await until(() => page.ready);
    expect(page.newCount).toBe(count.newCount);
    await page.markSeen(new Date('2026-03-01T00:00:00Z'));
    await until(() => count.newCount === 0);

    // A new message in the summary is news again.
    sendMessage(doc, { author: pair.mentor.id, text: 'Tomorrow?' }, new Date('2026-03-02T10:00:00Z'));
    await saveStoredPairSummary(user.id, pair.id, summaryOf(doc, pair, user));
    await until(() => count.newCount === 1);

    count.follow(null);
    expect(count.newCount).toBe(0);
    page.follow(null);
  });

  it("does not count other people's pairs (a coordinator's list) and asks the server again while visible", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', { visibilityState: 'visible' });
    try {
      const user = newMentee();
      const other = mentorshipOf(newMentee());
      await saveStoredMentorships(user.id, [other]);
      const refresh = vi.fn();
      const count = new NotificationCount(deviceSources(refresh));
      count.follow(user);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(count.newCount).toBe(0);

      vi.advanceTimersByTime(REFRESH_INTERVAL_MS);
      expect(refresh).toHaveBeenCalledWith(user.id);
      count.follow(null);
      vi.advanceTimersByTime(REFRESH_INTERVAL_MS * 3);
      expect(refresh).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });
});
