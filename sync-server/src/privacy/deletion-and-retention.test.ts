import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BIN_GRACE_DAYS,
  addPin,
  apiPaths,
  createNote,
  deleteNote,
  docEpoch,
  listMessages,
  listNotes,
  mentorshipDocName,
  migrateMentorshipDoc,
  noteBody,
  sendMessage,
  type PrivacyNotice,
  type PrivacySettings,
  type TopicDetail
} from '@mop/shared';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import { isPrivacyModule, type PrivacyModule } from './index.ts';
import { DEFAULT_PRIVACY_NOTICE } from './default-notice.ts';

const DAY = 86_400_000;
let clock = new Date('2030-01-01T09:00:00Z');
let server: TestServer;
let privacy: PrivacyModule;
let cookies: Record<'mentee' | 'mentor' | 'admin' | 'coordinator', string>;
let noteId: string;
let mentorMessageId: string;
let menteeMessageId: string;

function storedDoc(mentorshipId: string): Y.Doc {
  const doc = new Y.Doc();
  for (const row of server.store.loadDocUpdates(mentorshipDocName(mentorshipId))) Y.applyUpdate(doc, row.data);
  return doc;
}

/** Every stored byte of a pair's log, to check that content is gone from the database, not only from view. */
function storedBytes(mentorshipId: string): Buffer {
  return Buffer.concat(
    server.store.loadDocUpdates(mentorshipDocName(mentorshipId)).map((row) => Buffer.from(row.data))
  );
}

async function api(cookie: string, url: string, method = 'GET', body?: unknown): Promise<Response> {
  return fetch(`${server.url}${url}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
}

/** Signs everyone in again: moving the test clock past the idle timeout ends the sessions, as it would for real. */
async function signInAgain(): Promise<void> {
  cookies = {
    mentee: await login(server.url, 'mentee@example.org'),
    mentor: await login(server.url, 'mentor@example.org'),
    admin: await login(server.url, 'admin@example.org'),
    coordinator: await login(server.url, 'coordinator@example.org')
  };
}

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  privacy = server.modules.find(isPrivacyModule)!;
  const doc = new Y.Doc();
  migrateMentorshipDoc(doc);
  noteId = createNote(doc, { title: 'Binned note', date: '2029-12-01', createdBy: 'demo-mentee-1' });
  const para = new Y.XmlElement('paragraph');
  para.insert(0, [new Y.XmlText('binned-note-text-Qa1')]);
  noteBody(doc, noteId)!.insert(0, [para]);
  deleteNote(doc, noteId, clock);
  menteeMessageId = sendMessage(doc, { author: 'demo-mentee-1', text: 'mentee-says-Wb2' });
  mentorMessageId = sendMessage(doc, { author: 'demo-mentor-1', text: 'mentor-says-Ec3' });
  addPin(
    doc,
    { kind: 'link', url: 'https://example.org/a' },
    { pinnedBy: 'demo-mentor-1', comment: 'pin-comment-Rd4' }
  );
  server.store.appendDocUpdate(mentorshipDocName('demo-pair-1'), Y.encodeStateAsUpdate(doc));
  cookies = {
    mentee: await login(server.url, 'mentee@example.org'),
    mentor: await login(server.url, 'mentor@example.org'),
    admin: await login(server.url, 'admin@example.org'),
    coordinator: await login(server.url, 'coordinator@example.org')
  };
});
afterAll(() => server.close());

describe('deleting really deletes', () => {
  it("lets the author delete a message for good, not the other member's", async () => {
    const refused = await api(cookies.mentee, apiPaths.pairRecordErasure('demo-pair-1'), 'POST', {
      kind: 'message',
      id: mentorMessageId
    });
    expect(refused.status).toBe(403);
    const bad = await api(cookies.mentee, apiPaths.pairRecordErasure('demo-pair-1'), 'POST', { kind: 'x', id: '1' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_request');
    const outsider = await api(cookies.coordinator, apiPaths.pairRecordErasure('demo-pair-1'), 'POST', {
      kind: 'message',
      id: menteeMessageId
    });
    expect(outsider.status).toBe(403);

    const before = docEpoch(storedDoc('demo-pair-1'));
    const done = await api(cookies.mentee, apiPaths.pairRecordErasure('demo-pair-1'), 'POST', {
      kind: 'message',
      id: menteeMessageId
    });
    expect(done.status).toBe(204);
    const doc = storedDoc('demo-pair-1');
    expect(listMessages(doc).map((m) => m.text)).toEqual(['mentor-says-Ec3']);
    expect(docEpoch(doc)).not.toBe(before);
    expect(storedBytes('demo-pair-1').includes('mentee-says-Wb2')).toBe(false);
    const missing = await api(cookies.mentee, apiPaths.pairRecordErasure('demo-pair-1'), 'POST', {
      kind: 'message',
      id: menteeMessageId
    });
    expect(missing.status).toBe(404);
  });

  it('deletes a pair file for its uploader only, with its blob', async () => {
    const upload = await fetch(`${server.url}${apiPaths.pairFileUpload('demo-pair-1', 'cv.txt')}`, {
      method: 'POST',
      headers: { cookie: cookies.mentor, 'content-type': 'text/plain' },
      body: 'cv-content-Tf5'
    });
    const { fileId } = (await upload.json()) as { fileId: string };
    expect((await api(cookies.mentee, apiPaths.pairFile('demo-pair-1', fileId), 'DELETE')).status).toBe(403);
    expect((await api(cookies.mentor, apiPaths.pairFile('demo-pair-1', fileId), 'DELETE')).status).toBe(204);
    expect((await api(cookies.mentor, apiPaths.pairFile('demo-pair-1', fileId))).status).toBe(404);
  });

  it('deletes a community post for its author only', async () => {
    const created = await api(cookies.mentee, apiPaths.topics(DEMO_PROGRAMME_ID), 'POST', {
      title: 'A topic',
      text: 'post-text-Yg6'
    });
    const { topic, posts } = (await created.json()) as TopicDetail;
    const postId = posts[0]!.id;
    const url = apiPaths.post(DEMO_PROGRAMME_ID, topic.id, postId);
    expect((await api(cookies.mentor, url, 'DELETE')).status).toBe(403);
    expect((await api(cookies.mentee, url, 'DELETE')).status).toBe(204);
    expect(server.db.prepare('SELECT COUNT(*) FROM community_posts WHERE id = ?').pluck().get(postId)).toBe(0);
    // The topic had no other post: it went with it.
    expect(server.db.prepare('SELECT COUNT(*) FROM community_topics WHERE id = ?').pluck().get(topic.id)).toBe(0);
  });

  it("erases a post's text from the database when a coordinator hides it, for everyone", async () => {
    const created = await api(cookies.mentee, apiPaths.topics(DEMO_PROGRAMME_ID), 'POST', {
      title: 'Another topic',
      text: 'kept-opening-Pz8'
    });
    const { topic } = (await created.json()) as TopicDetail;
    const replied = await api(cookies.mentor, apiPaths.topicReplies(DEMO_PROGRAMME_ID, topic.id), 'POST', {
      text: 'hidden-reply-text-Hk7'
    });
    const reply = ((await replied.json()) as TopicDetail).posts[1]!;
    const hidden = await api(cookies.coordinator, apiPaths.hidePost(DEMO_PROGRAMME_ID, topic.id, reply.id), 'POST', {
      reason: 'Off topic'
    });
    expect(hidden.status).toBe(200);
    expect(await hidden.json()).toMatchObject({ text: null, hidden: { reason: 'Off topic' } });
    // Nobody reads it any more, not its author, not the coordinator; the reason stays for them.
    for (const who of ['mentor', 'coordinator', 'mentee'] as const) {
      const detail = (await (
        await api(cookies[who], apiPaths.topic(DEMO_PROGRAMME_ID, topic.id))
      ).json()) as TopicDetail;
      expect(detail.posts.map((p) => p.text)).toEqual(['kept-opening-Pz8', null]);
    }
    // Gone from every file of the data directory (database and its write-ahead log), not only from view.
    const holding = (needle: string) =>
      fs
        .readdirSync(server.dataDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && fs.readFileSync(path.join(e.parentPath, e.name)).includes(needle));
    expect(holding('hidden-reply-text-Hk7')).toEqual([]);
    expect(holding('kept-opening-Pz8').length).toBeGreaterThan(0);
  });

  it('refuses to delete a note for good unless it is in the bin, and the job empties the bin after the grace period', async () => {
    expect(privacy.sweep().purgedDocs).toBe(0);
    expect(listNotes(storedDoc('demo-pair-1'), { includeDeleted: true }).map((n) => n.id)).toEqual([noteId]);

    clock = new Date(clock.getTime() + (BIN_GRACE_DAYS + 1) * DAY);
    expect(privacy.sweep().purgedDocs).toBe(1);
    expect(listNotes(storedDoc('demo-pair-1'), { includeDeleted: true })).toEqual([]);
    expect(storedBytes('demo-pair-1').includes('binned-note-text-Qa1')).toBe(false);
    expect(privacy.sweep().purgedDocs).toBe(0);
  });
});

describe('retention', () => {
  it('lets admins set the notice, imprint and default retention (a new notice version), validated', async () => {
    await signInAgain();
    const before = (await (await fetch(`${server.url}${apiPaths.privacyNotice()}`)).json()) as PrivacyNotice;
    expect(before).toMatchObject({ noticeVersion: 1, noticeCompleted: false, imprintCompleted: false });
    const refused = await api(cookies.coordinator, apiPaths.privacySettings(), 'PUT', {
      notice: 'x',
      imprint: 'y',
      retentionDays: 90
    });
    expect(refused.status).toBe(403);
    const invalid = await api(cookies.admin, apiPaths.privacySettings(), 'PUT', {
      notice: 'x',
      imprint: 'y',
      retentionDays: 2
    });
    expect(invalid.status).toBe(400);
    // Saving the shipped placeholder back (an admin who only filled the imprint) leaves the notice a placeholder.
    const placeholder = await api(cookies.admin, apiPaths.privacySettings(), 'PUT', {
      notice: DEFAULT_PRIVACY_NOTICE,
      imprint: '# Us',
      retentionDays: 365
    });
    expect(await placeholder.json()).toMatchObject({
      noticeVersion: 1,
      noticeCompleted: false,
      imprintCompleted: true
    });
    const saved = await api(cookies.admin, apiPaths.privacySettings(), 'PUT', {
      notice: '# Our notice',
      imprint: '# Us',
      retentionDays: 90
    });
    expect(saved.status).toBe(200);
    const settings = (await saved.json()) as PrivacySettings;
    expect(settings).toMatchObject({
      notice: '# Our notice',
      noticeVersion: 2,
      retentionDays: 90,
      noticeCompleted: true,
      imprintCompleted: true
    });

    expect((await api(cookies.mentee, apiPaths.privacyAcknowledgement(), 'POST', { version: 3 })).status).toBe(400);
    expect((await api(cookies.mentee, apiPaths.privacyAcknowledgement(), 'POST', { version: 2 })).status).toBe(204);
    const acks = server.db.prepare('SELECT notice_version FROM privacy_acknowledgements WHERE user_id = ?');
    expect(acks.pluck().all('demo-mentee-1')).toEqual([2]);
  });

  it("erases an archived programme's data once its retention has passed, and audits it", async () => {
    const archivedAt = clock.toISOString();
    server.db.prepare('UPDATE programmes SET archived_at = ? WHERE id = ?').run(archivedAt, DEMO_PROGRAMME_ID);
    expect(
      (await api(cookies.admin, apiPaths.programmeRetention(DEMO_PROGRAMME_ID), 'PUT', { retentionDays: 120 })).status
    ).toBe(200);
    expect((await api(cookies.admin, apiPaths.programmeRetention('nope'), 'PUT', { retentionDays: 120 })).status).toBe(
      404
    );

    clock = new Date(clock.getTime() + 100 * DAY);
    expect(privacy.sweep().erasedProgrammes).toEqual([]);
    clock = new Date(clock.getTime() + 21 * DAY);
    expect(privacy.sweep().erasedProgrammes).toEqual([DEMO_PROGRAMME_ID]);
    await signInAgain();
    expect(server.store.loadDocUpdates(mentorshipDocName('demo-pair-1'))).toEqual([]);
    expect(
      server.db.prepare('SELECT COUNT(*) FROM mentorships WHERE programme_id = ?').pluck().get(DEMO_PROGRAMME_ID)
    ).toBe(0);
    expect(
      server.db.prepare('SELECT COUNT(*) FROM programme_members WHERE programme_id = ?').pluck().get(DEMO_PROGRAMME_ID)
    ).toBe(0);
    const audit = await (await api(cookies.admin, '/api/admin/audit?action=programme.retention-erase')).json();
    expect(audit.entries[0]).toMatchObject({ programmeId: DEMO_PROGRAMME_ID, details: { retentionDays: 120 } });
    // Nothing left to erase: the next run does nothing.
    expect(privacy.sweep().erasedProgrammes).toEqual([]);
  });
});

describe('access log', () => {
  it("records a coordinator's look at the participants for each person, once per window", async () => {
    const fresh = await startTestServer({ now: () => clock });
    try {
      const coordinator = await login(fresh.url, 'coordinator@example.org');
      const mentee = await login(fresh.url, 'mentee@example.org');
      for (let i = 0; i < 2; i++) {
        const list = await fetch(`${fresh.url}${apiPaths.participants(DEMO_PROGRAMME_ID)}`, {
          headers: { cookie: coordinator }
        });
        expect(list.status).toBe(200);
      }
      const mine = await fetch(`${fresh.url}${apiPaths.accountAccessLog()}`, { headers: { cookie: mentee } });
      const { entries } = (await mine.json()) as { entries: { what: string; actorId: string }[] };
      expect(entries).toEqual([expect.objectContaining({ what: 'participants', actorId: 'demo-coordinator' })]);
      const all = await fetch(`${fresh.url}${apiPaths.adminAccessLog()}`, { headers: { cookie: mentee } });
      expect(all.status).toBe(403);
    } finally {
      await fresh.close();
    }
  });
});
