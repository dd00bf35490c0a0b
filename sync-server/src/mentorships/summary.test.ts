import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import * as Y from 'yjs';
import {
  MentorshipListSchema,
  acceptSession,
  addGoal,
  addPin,
  createNote,
  markMessagesRead,
  mentorshipDocName,
  migrateMentorshipDoc,
  proposeSession,
  sendMessage,
  setStepDone,
  type ListedMentorship
} from '@mop/shared';
import { connectClient, login, startTestServer, waitSynced, type TestServer } from '../test-support/harness.ts';

/**
 * The mentorship list carries each of the caller's own pairs' summary, computed by the server from its copy of the
 * pair's document (stored log, or the live room when a device is connected), so a new device's home needs no Yjs.
 */

const PAIR = { mentorId: 'demo-mentor-1', menteeId: 'demo-mentee-1' };
const DOC = mentorshipDocName('demo-pair-1');
const FUTURE = '2099-03-31T14:00:00.000Z';

let server: TestServer;

function seedPairDoc(): void {
  const doc = new Y.Doc();
  migrateMentorshipDoc(doc);
  for (const [i, title] of ['First note', 'Second note', 'Third note', 'Fourth note'].entries()) {
    createNote(doc, { title, date: `2025-03-0${i + 1}`, createdBy: PAIR.mentorId });
  }
  sendMessage(doc, { author: PAIR.menteeId, text: 'One **SECRET-MESSAGE**' });
  markMessagesRead(doc, PAIR.mentorId);
  sendMessage(doc, { author: PAIR.menteeId, text: 'Two' });
  sendMessage(doc, { author: PAIR.mentorId, text: 'Mine' });
  addGoal(doc, { title: 'SECRET-GOAL', createdBy: PAIR.menteeId });
  setStepDone(doc, 'brl-first-session', true, PAIR.mentorId);
  const session = proposeSession(doc, PAIR, PAIR.menteeId, {
    title: 'Portfolio review',
    slots: [FUTURE],
    durationMinutes: 60,
    timeZone: 'Europe/Rome',
    videoUrl: 'https://meet.example.org/pair'
  });
  acceptSession(doc, PAIR, session, PAIR.mentorId, FUTURE);
  addPin(doc, { kind: 'link', url: 'https://example.org/guide' }, { pinnedBy: PAIR.menteeId, title: 'A guide' });
  server.store.appendDocUpdate(DOC, Y.encodeStateAsUpdate(doc));
}

async function list(email: string): Promise<ListedMentorship[]> {
  const cookie = await login(server.url, email);
  const answer = await fetch(`${server.url}/api/mentorships`, { headers: { cookie } });
  expect(answer.status).toBe(200);
  return v.parse(MentorshipListSchema, await answer.json()).mentorships;
}

beforeAll(async () => {
  server = await startTestServer();
  seedPairDoc();
});
afterAll(async () => {
  await server?.close();
});

describe('pair summaries in GET /api/mentorships', () => {
  it('gives the mentor their pair’s next session, unread count, progress, latest notes and news', async () => {
    const [pair] = await list('mentor@example.org');
    const summary = pair!.summary!;
    expect(summary.upcoming).toEqual([
      {
        title: 'Portfolio review',
        accepted: { start: FUTURE, end: '2099-03-31T15:00:00.000Z' },
        slots: [FUTURE],
        videoUrl: 'https://meet.example.org/pair',
        place: ''
      }
    ]);
    expect(summary.unread).toBe(1);
    expect(summary.progress).toMatchObject({ stepsDone: 1, goalsDone: 0, goalsTotal: 1 });
    expect(summary.progress.stepsTotal).toBeGreaterThan(1);
    expect(summary.latestNotes.map((note) => note.title)).toHaveLength(3);
    // The mentee's two messages (one read), her session proposal and her pin; never the mentor's own.
    expect(summary.news.map((item) => [item.kind, item.unread]).sort()).toEqual([
      ['message', false],
      ['message', true],
      ['pin', false],
      ['session', false]
    ]);
    // Texts of messages and goals stay out of it.
    expect(JSON.stringify(summary)).not.toMatch(/SECRET/);
  });

  it('counts for the member asking: the mentee has nothing unread and sees the mentor’s acceptance as news', async () => {
    const [pair] = await list('mentee@example.org');
    expect(pair!.summary!.unread).toBe(1);
    expect(pair!.summary!.news.map((item) => item.kind).sort()).toEqual(['message', 'session']);
  });

  it('gives no summary of other people’s pairs to a coordinator or an admin', async () => {
    for (const email of ['coordinator@example.org', 'admin@example.org']) {
      const pairs = await list(email);
      expect(pairs.length).toBeGreaterThan(0);
      expect(pairs.filter((pair) => pair.summary !== undefined)).toEqual([]);
    }
  });

  it('follows what a connected device sends', async () => {
    const cookie = await login(server.url, 'mentee@example.org');
    const client = connectClient(server, DOC, cookie);
    try {
      await waitSynced(client);
      sendMessage(client.doc, { author: PAIR.menteeId, text: 'Live' });
      await expect
        .poll(async () => (await list('mentor@example.org'))[0]!.summary!.unread, { timeout: 10_000 })
        .toBe(2);
    } finally {
      client.destroy();
    }
  });
});
