import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { strFromU8, unzipSync } from 'fflate';
import {
  addGoal,
  addPin,
  addReflection,
  apiPaths,
  commentOnReflection,
  createNote,
  docEpoch,
  listGoals,
  listMessages,
  listNotes,
  listReflections,
  mentorshipDocName,
  migrateMentorshipDoc,
  noteBody,
  profileDocName,
  proposeSession,
  sendMessage,
  writeProfile
} from '@mop/shared';
import {
  connectClient,
  login,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
  type TestServer
} from '../test-support/harness.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import type { Mailer } from '../module.ts';

const PAIR_1 = { mentorId: 'demo-mentor-1', menteeId: 'demo-mentee-1' };
const PAIR_2 = { mentorId: 'demo-mentor-2', menteeId: 'demo-mentee-2' };
const MENTEE_NAME = 'Jonas Weber, graphic novelist';
const MENTEE_EMAIL = 'mentee@example.org';
/** What only the mentee of pair 1 wrote, one string per kind of data. */
const MENTEE = {
  message: 'uq-mentee-message-Kq7',
  note: 'uq-mentee-note-body-Zr2',
  reflection: 'uq-mentee-reflection-Wd4',
  goal: 'uq-mentee-goal-Hb9',
  pin: 'uq-mentee-pin-comment-Tx5',
  agenda: 'uq-mentee-agenda-Lm3',
  profile: 'uq-mentee-profile-bio-Nv8',
  file: 'uq-mentee-file-content-Pe6',
  post: 'uq-mentee-post-Rj1',
  mail: 'uq-mentee-mail-Yc0'
};
/** What the mentor of pair 1 wrote: stays after the mentee's erasure. */
const MENTOR = { message: 'uq-mentor-message-Ga3', note: 'uq-mentor-note-Fo4', comment: 'uq-mentor-comment-Ue5' };
/** Pair 2's writing: never in pair 1's mentee's archive. */
const OTHER_PAIR = 'uq-other-pair-message-Xs7';

let server: TestServer;
let cookies: Record<'mentee' | 'mentor' | 'admin' | 'coordinator' | 'mentee2', string>;

function paragraph(text: string): Y.XmlElement {
  const para = new Y.XmlElement('paragraph');
  para.insert(0, [new Y.XmlText(text)]);
  return para;
}

function seedPairDocs(): void {
  const doc = new Y.Doc();
  migrateMentorshipDoc(doc);
  const menteeNote = createNote(doc, { title: 'Mentee note', date: '2025-03-31', createdBy: PAIR_1.menteeId });
  noteBody(doc, menteeNote)!.insert(0, [paragraph(MENTEE.note)]);
  const mentorNote = createNote(doc, { title: 'Mentor note', date: '2025-04-01', createdBy: PAIR_1.mentorId });
  noteBody(doc, mentorNote)!.insert(0, [paragraph(MENTOR.note)]);
  sendMessage(doc, { author: PAIR_1.menteeId, text: MENTEE.message });
  sendMessage(doc, { author: PAIR_1.mentorId, text: MENTOR.message });
  const reflection = addReflection(doc, PAIR_1, { author: PAIR_1.menteeId, text: MENTEE.reflection });
  commentOnReflection(doc, PAIR_1, reflection, { author: PAIR_1.mentorId, text: MENTOR.comment });
  addGoal(doc, { title: MENTEE.goal, createdBy: PAIR_1.menteeId });
  addPin(
    doc,
    { kind: 'link', url: 'https://example.org/portfolio' },
    { pinnedBy: PAIR_1.menteeId, title: 'Portfolio', comment: MENTEE.pin }
  );
  proposeSession(doc, PAIR_1, PAIR_1.menteeId, {
    title: 'Portfolio review',
    slots: ['2099-03-31T14:00:00.000Z'],
    durationMinutes: 60,
    timeZone: 'Europe/Rome',
    agenda: MENTEE.agenda
  });
  server.store.appendDocUpdate(mentorshipDocName('demo-pair-1'), Y.encodeStateAsUpdate(doc));

  const other = new Y.Doc();
  migrateMentorshipDoc(other);
  sendMessage(other, { author: PAIR_2.menteeId, text: OTHER_PAIR });
  server.store.appendDocUpdate(mentorshipDocName('demo-pair-2'), Y.encodeStateAsUpdate(other));

  // The demo seeded the mentee's profile: edit it as stored, so the new answer wins.
  const profile = new Y.Doc();
  for (const row of server.store.loadDocUpdates(profileDocName(PAIR_1.menteeId))) Y.applyUpdate(profile, row.data);
  const before = Y.encodeStateVector(profile);
  writeProfile(profile, { bio: MENTEE.profile });
  server.store.appendDocUpdate(profileDocName(PAIR_1.menteeId), Y.encodeStateAsUpdate(profile, before));
}

async function api(cookie: string, url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${url}`, {
    ...init,
    headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) }
  });
}

async function archiveOf(response: Response): Promise<Record<string, string>> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/zip');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="mop-data-/);
  const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/**
 * Every file under the data directory (the SQLite file, its WAL, the blob folders) holding a trace of `needle`. A
 * long value is split over SQLite pages (an overflow chain, WAL frames with headers between them), so a string may
 * straddle a page boundary: any half of it counts as a trace, since one side of a split keeps at least half.
 * `wholeOnly` for short values kept in ordinary rows (a name, an address), whose halves are not distinctive.
 */
function filesContaining(dir: string, needle: string, { wholeOnly = false } = {}): string[] {
  const half = Math.ceil(needle.length / 2);
  const halves = Array.from({ length: needle.length - half + 1 }, (_, i) => needle.slice(i, i + half));
  const pieces = wholeOnly ? [needle] : [needle, ...halves];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    if (pieces.some((piece) => bytes.includes(Buffer.from(piece)))) found.push(file);
  }
  return found;
}

beforeAll(async () => {
  server = await startTestServer();
  seedPairDocs();
  cookies = {
    mentee: await login(server.url, MENTEE_EMAIL),
    mentor: await login(server.url, 'mentor@example.org'),
    admin: await login(server.url, 'admin@example.org'),
    coordinator: await login(server.url, 'coordinator@example.org'),
    mentee2: await login(server.url, 'mentee2@example.org')
  };
  const upload = await fetch(`${server.url}${apiPaths.pairFileUpload('demo-pair-1', 'plan.txt')}`, {
    method: 'POST',
    headers: { cookie: cookies.mentee, 'content-type': 'text/plain' },
    body: `My plan: ${MENTEE.file}`
  });
  expect(upload.status).toBe(201);
  const topic = await api(cookies.mentee, apiPaths.topics(DEMO_PROGRAMME_ID), {
    method: 'POST',
    body: JSON.stringify({ title: 'Hello all', text: MENTEE.post })
  });
  expect(topic.status).toBe(201);
  const mail = server.modules.find((module) => module.name === 'mail')?.provides?.mail as Mailer;
  mail.enqueue({ to: MENTEE_EMAIL, subject: 'Welcome', text: MENTEE.mail, category: 'test' });
});
afterAll(() => server.close());

describe('download my data', () => {
  it("holds each kind of the mentee's data, a README, and nothing of another pair", async () => {
    const files = await archiveOf(await api(cookies.mentee, apiPaths.accountExport()));
    const names = Object.keys(files);
    const all = Object.values(files).join('\n');
    expect(files['README.md']).toContain(MENTEE_NAME);
    // A participant has no source code: the README points at the install's own privacy page.
    expect(files['README.md']).toContain(`${server.url}/privacy`);
    expect(files['README.md']).not.toContain('docs/privacy.md');
    for (const name of names) if (name !== 'README.md') expect(files['README.md']).toContain(name);

    expect(JSON.parse(files['accounts/account.json']!)).toMatchObject({ email: MENTEE_EMAIL, name: MENTEE_NAME });
    expect(JSON.parse(files['accounts/sessions.json']!).length).toBeGreaterThan(0);
    expect(JSON.parse(files['cohorts/memberships.json']!)).toEqual([
      expect.objectContaining({ programmeId: DEMO_PROGRAMME_ID, role: 'mentee' })
    ]);
    expect(files['mentorships/matching-profile.json']).toContain(MENTEE.profile);
    expect(JSON.parse(files['mentorships/pairs.json']!)).toEqual([
      expect.objectContaining({ id: 'demo-pair-1', role: 'mentee' })
    ]);
    const pair = 'workspace/pair-demo-pair-1';
    const notes = names.filter((name) => name.startsWith(`${pair}/notes/`) && name.endsWith('.md'));
    expect(notes.map((name) => files[name]).join('\n')).toContain(MENTEE.note);
    expect(files[`${pair}/messages.json`]).toContain(MENTEE.message);
    expect(files[`${pair}/reflections.json`]).toContain(MENTEE.reflection);
    expect(files[`${pair}/goals.json`]).toContain(MENTEE.goal);
    expect(files[`${pair}/pins.json`]).toContain(MENTEE.pin);
    expect(files[`${pair}/sessions.json`]).toContain(MENTEE.agenda);
    expect(files[`${pair}/sessions.ics`]).toContain('BEGIN:VCALENDAR');
    const upload = names.find((name) => name.startsWith('workspace/uploads/'));
    expect(upload && files[upload]).toContain(MENTEE.file);
    expect(files['workspace/community-posts.json']).toContain(MENTEE.post);
    expect(files['mail/mails-to-you.json']).toContain(MENTEE.mail);
    expect(files['privacy/access-log.json']).toBeDefined();

    expect(all).not.toContain(OTHER_PAIR);
    expect(all).not.toContain('demo-pair-2');
    expect(all).not.toContain('mentee2@example.org');
  });

  it('is made for an admin on behalf of a user, audited; refused to others', async () => {
    const files = await archiveOf(await api(cookies.admin, apiPaths.adminUserExport(PAIR_1.menteeId)));
    expect(files[`workspace/pair-demo-pair-1/messages.json`]).toContain(MENTEE.message);
    const audit = await (await api(cookies.admin, '/api/admin/audit?action=user.export')).json();
    expect(audit.entries[0]).toMatchObject({ action: 'user.export', targetUserId: PAIR_1.menteeId });
    const reads = await (await api(cookies.mentee, apiPaths.accountAccessLog())).json();
    expect(reads.entries[0]).toMatchObject({ what: 'export', actorId: 'demo-admin' });

    for (const cookie of [cookies.coordinator, cookies.mentor]) {
      const refused = await api(cookie, apiPaths.adminUserExport(PAIR_1.menteeId));
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe('forbidden');
    }
    const missing = await api(cookies.admin, apiPaths.adminUserExport('nobody'));
    expect(missing.status).toBe(404);
    expect((await fetch(`${server.url}${apiPaths.accountExport()}`)).status).toBe(401);
  });
});

describe('delete my account', () => {
  let mentorClient: TestClient;

  it('refuses a wrong password or a missing confirmation with 4xx JSON', async () => {
    const wrong = await api(cookies.mentee, apiPaths.accountDeletion(), {
      method: 'POST',
      body: JSON.stringify({ password: 'not-my-password', confirmation: 'DELETE' })
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.code).toBe('wrong_password');
    const unconfirmed = await api(cookies.mentee, apiPaths.accountDeletion(), {
      method: 'POST',
      body: JSON.stringify({ password: 'mop-demo', confirmation: 'yes' })
    });
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).error.code).toBe('invalid_request');
    expect((await api(cookies.mentee, '/api/me')).status).toBe(200);
  });

  it("erases the mentee everywhere in the data directory and keeps the mentor's writing", async () => {
    mentorClient = connectClient(server, mentorshipDocName('demo-pair-1'), cookies.mentor);
    await waitSynced(mentorClient);
    const epochBefore = docEpoch(mentorClient.doc);

    const erased = await api(cookies.mentee, apiPaths.accountDeletion(), {
      method: 'POST',
      // The word as the Italian page asks for it: the server accepts it in each of the app's languages.
      body: JSON.stringify({ password: 'mop-demo', confirmation: ' elimina ' })
    });
    expect(erased.status).toBe(204);
    expect((await api(cookies.mentee, '/api/me')).status).toBe(401);
    expect(
      (
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: MENTEE_EMAIL, password: 'mop-demo' })
        })
      ).status
    ).toBe(401);

    // The connected mentor receives the erasure at once, with a new epoch that tells devices to drop old copies.
    await waitFor(() => !listMessages(mentorClient.doc).some((m) => m.text === MENTEE.message), 'erasure to arrive');
    expect(docEpoch(mentorClient.doc)).not.toBe(epochBefore);
    expect(listMessages(mentorClient.doc).map((m) => m.text)).toEqual([MENTOR.message]);
    expect(listNotes(mentorClient.doc).map((n) => n.title)).toEqual(['Mentor note']);
    expect(listReflections(mentorClient.doc)).toEqual([]);
    expect(listGoals(mentorClient.doc)).toEqual([]);
    mentorClient.destroy();

    for (const needle of Object.values(MENTEE)) expect(filesContaining(server.dataDir, needle), needle).toEqual([]);
    for (const needle of [MENTEE_NAME, MENTEE_EMAIL, 'Jonas Weber']) {
      expect(filesContaining(server.dataDir, needle, { wholeOnly: true }), needle).toEqual([]);
    }
    for (const needle of [MENTOR.message, MENTOR.note]) {
      expect(filesContaining(server.dataDir, needle).length, needle).toBeGreaterThan(0);
    }
    const audit = await (await api(cookies.admin, '/api/admin/audit?action=user.erase')).json();
    expect(audit.entries[0]).toMatchObject({ action: 'user.erase', targetUserId: PAIR_1.menteeId, targetLabel: null });
  });

  it('lets an admin erase a user after typing their address, audited', async () => {
    const mismatch = await api(cookies.admin, apiPaths.adminUserErasure(PAIR_2.menteeId), {
      method: 'POST',
      body: JSON.stringify({ confirmEmail: 'someone@example.org' })
    });
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).error.code).toBe('confirmation_mismatch');
    const self = await api(cookies.admin, apiPaths.adminUserErasure('demo-admin'), {
      method: 'POST',
      body: JSON.stringify({ confirmEmail: 'admin@example.org' })
    });
    expect(self.status).toBe(409);
    const refused = await api(cookies.coordinator, apiPaths.adminUserErasure(PAIR_2.menteeId), {
      method: 'POST',
      body: JSON.stringify({ confirmEmail: 'mentee2@example.org' })
    });
    expect(refused.status).toBe(403);

    const done = await api(cookies.admin, apiPaths.adminUserErasure(PAIR_2.menteeId), {
      method: 'POST',
      body: JSON.stringify({ confirmEmail: 'MENTEE2@example.org' })
    });
    expect(done.status).toBe(204);
    expect((await api(cookies.mentee2, '/api/me')).status).toBe(401);
    expect(filesContaining(server.dataDir, OTHER_PAIR)).toEqual([]);
    const again = await api(cookies.admin, apiPaths.adminUserErasure(PAIR_2.menteeId), {
      method: 'POST',
      body: JSON.stringify({ confirmEmail: 'x@example.org' })
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('already_erased');
    const audit = await (await api(cookies.admin, '/api/admin/audit?action=user.erase')).json();
    expect(audit.entries[0]).toMatchObject({ targetUserId: PAIR_2.menteeId, details: { by: 'admin' } });
  });
});
