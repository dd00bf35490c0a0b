import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import * as Y from 'yjs';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import {
  MAX_PAIR_FILES,
  acceptSession,
  addGoal,
  addReflection,
  createNote,
  mentorshipDocName,
  migrateMentorshipDoc,
  noteBody,
  proposeSession,
  sendMessage,
  setStepDone,
  CalendarTokenResponseSchema,
  PairFileSchema,
  TopicDetailSchema,
  TopicListSchema,
  ProgrammeProgressSchema
} from '@mop/shared';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { readError, readJson } from '../test-support/responses.ts';
import { hashPassword } from '../auth/passwords.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';

const PAIR = { mentorId: 'demo-mentor-1', menteeId: 'demo-mentee-1' };
const SECRETS = ['SECRET-NOTE-TITLE', 'SECRET-NOTE-BODY', 'SECRET-REFLECTION', 'SECRET-MESSAGE', 'SECRET-GOAL'];
// 31 March 2025, 16:00 in Rome: the first Monday after the EU DST change (14:00 UTC).
const AFTER_DST = '2025-03-31T14:00:00.000Z';
const FUTURE = '2099-03-31T14:00:00.000Z';
// A week ago, on the hour: recent enough for the feed (which keeps 90 days back); AFTER_DST is older than that.
const RECENT = new Date(Math.floor((Date.now() - 7 * 86_400_000) / 3_600_000) * 3_600_000).toISOString();

let server: TestServer;
let cookies: Record<'mentor' | 'mentee' | 'coordinator' | 'admin' | 'otherMentor' | 'outsider', string>;
let sessionIds: { past: string; future: string };

function seedPairDoc(): void {
  const doc = new Y.Doc();
  migrateMentorshipDoc(doc);
  const noteId = createNote(doc, { title: 'SECRET-NOTE-TITLE', date: '2025-03-31', createdBy: PAIR.mentorId });
  const para = new Y.XmlElement('paragraph');
  para.insert(0, [new Y.XmlText('SECRET-NOTE-BODY')]);
  noteBody(doc, noteId)!.insert(0, [para]);
  addReflection(doc, PAIR, { author: PAIR.menteeId, text: 'SECRET-REFLECTION' });
  sendMessage(doc, { author: PAIR.menteeId, text: 'SECRET-MESSAGE' });
  addGoal(doc, { title: 'SECRET-GOAL', createdBy: PAIR.menteeId });
  setStepDone(doc, 'brl-first-session', true, PAIR.mentorId);
  const offer = (slot: string) => ({
    title: 'Portfolio review',
    slots: [slot],
    durationMinutes: 60,
    timeZone: 'Europe/Rome',
    place: 'Studio 4',
    agenda: 'Bring prints'
  });
  const past = proposeSession(doc, PAIR, PAIR.mentorId, offer(AFTER_DST), new Date('2025-03-20T00:00:00Z'));
  acceptSession(doc, PAIR, past, PAIR.menteeId, AFTER_DST, new Date('2025-03-21T00:00:00Z'));
  const future = proposeSession(doc, PAIR, PAIR.menteeId, offer(FUTURE));
  acceptSession(doc, PAIR, future, PAIR.mentorId, FUTURE);
  const recent = proposeSession(doc, PAIR, PAIR.menteeId, offer(RECENT), new Date(Date.now() - 9 * 86_400_000));
  acceptSession(doc, PAIR, recent, PAIR.mentorId, RECENT, new Date(Date.now() - 8 * 86_400_000));
  sessionIds = { past, future };
  server.store.appendDocUpdate(mentorshipDocName('demo-pair-1'), Y.encodeStateAsUpdate(doc));
}

beforeAll(async () => {
  server = await startTestServer();
  server.store.createUser({
    id: 'outsider',
    email: 'outsider@example.org',
    name: 'Olga Outsider',
    role: 'mentee',
    passwordHash: await hashPassword('mop-demo')
  });
  seedPairDoc();
  const [mentor, mentee, coordinator, admin, otherMentor, outsider] = await Promise.all([
    login(server.url, 'mentor@example.org'),
    login(server.url, 'mentee@example.org'),
    login(server.url, 'coordinator@example.org'),
    login(server.url, 'admin@example.org'),
    login(server.url, 'mentor2@example.org'),
    login(server.url, 'outsider@example.org')
  ]);
  cookies = {
    mentor: mentor!,
    mentee: mentee!,
    coordinator: coordinator!,
    admin: admin!,
    otherMentor: otherMentor!,
    outsider: outsider!
  };
});

afterAll(async () => {
  await server?.close();
});

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
const send = (method: string, path: string, cookie: string | undefined, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body)
  });

describe('GET /api/programmes/:id/progress', () => {
  const path = `/api/programmes/${DEMO_PROGRAMME_ID}/progress`;

  it('gives coordinators and admins each pair summary and never a note, reflection, goal or message text', async () => {
    for (const who of ['coordinator', 'admin'] as const) {
      const response = await get(path, cookies[who]);
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      const body = v.parse(ProgrammeProgressSchema, JSON.parse(text));
      const pair = body.pairs.find((p) => p.mentorshipId === 'demo-pair-1')!;
      expect(pair.mentor.name).toMatch(/Marta/);
      expect(pair.progress).toMatchObject({
        stepsDone: 1,
        sessionsHeld: 2,
        sessionsUpcoming: 1,
        goalsTotal: 1,
        goalsByStatus: { 'not-started': 1 }
      });
      expect(pair.progress.lastActivity).not.toBeNull();
      expect(body.pairs).toHaveLength(2);
    }
  });

  it('refuses members (403), anonymous callers (401) and answers 404 for an unknown programme', async () => {
    expect((await get(path, cookies.mentor)).status).toBe(403);
    expect((await get(path, cookies.outsider)).status).toBe(403);
    const anonymous = await get(path);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await get('/api/programmes/nope/progress', cookies.coordinator)).status).toBe(404);
  });
});

function parseIcs(text: string): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
}

describe('calendar', () => {
  it('exports one session as .ics for the pair only; ical.js reads it back with DST-correct times and a VALARM', async () => {
    const path = `/api/mentorships/demo-pair-1/sessions/${sessionIds.past}/ics`;
    const response = await get(path, cookies.mentee);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const [vevent] = parseIcs(await response.text());
    const event = new ICAL.Event(vevent!);
    expect(event.summary).toBe('Portfolio review');
    expect(event.location).toBe('Studio 4');
    expect(event.startDate.toJSDate().toISOString()).toBe(AFTER_DST);
    expect(event.endDate.toJSDate().toISOString()).toBe('2025-03-31T15:00:00.000Z');
    expect(event.startDate.zone?.tzid).toBe('UTC');
    // 14:00 UTC is 16:00 in Rome after the change to summer time (it would be 15:00 before it).
    expect(DateTime.fromJSDate(event.startDate.toJSDate(), { zone: 'Europe/Rome' }).toFormat('HH:mm')).toBe('16:00');
    const alarm = vevent!.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect((alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-30 * 60);

    expect((await get(path, cookies.coordinator)).status).toBe(403);
    expect((await get(path, cookies.otherMentor)).status).toBe(403);
    expect((await get(path)).status).toBe(401);
    expect((await get('/api/mentorships/demo-pair-1/sessions/nope/ics', cookies.mentor)).status).toBe(404);
  });

  it('creates, rotates and revokes the private feed; the feed needs no cookie and lists the user pair sessions', async () => {
    expect((await send('POST', '/api/calendar/token', undefined)).status).toBe(401);
    const first = await send('POST', '/api/calendar/token', cookies.mentor);
    expect(first.status).toBe(201);
    const { feedUrl, webcalUrl } = await readJson(first, CalendarTokenResponseSchema);
    expect(webcalUrl.startsWith('webcal://')).toBe(true);
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    const events = parseIcs(await feed.text()).map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.startDate.toJSDate().toISOString()).sort()).toEqual([RECENT, FUTURE].sort());
    expect(events.every((e) => e.component.getFirstSubcomponent('valarm') !== null)).toBe(true);
    expect(await (await get('/api/calendar/token', cookies.mentor)).json()).toMatchObject({ active: true });

    const rotated = await readJson(
      await send('POST', '/api/calendar/token', cookies.mentor),
      CalendarTokenResponseSchema
    );
    expect(rotated.feedUrl).not.toBe(feedUrl);
    expect((await fetch(feedUrl)).status).toBe(404);
    expect((await fetch(rotated.feedUrl)).status).toBe(200);

    expect((await send('DELETE', '/api/calendar/token', cookies.mentor)).status).toBe(204);
    expect((await fetch(rotated.feedUrl)).status).toBe(404);
    expect(await (await get('/api/calendar/token', cookies.mentor)).json()).toEqual({ active: false, createdAt: null });
    expect((await fetch(`${server.url}/api/calendar/feed/not-a-token.ics`)).status).toBe(404);
  });

  it('gives another user a feed without this pair sessions', async () => {
    const { feedUrl } = await readJson(
      await send('POST', '/api/calendar/token', cookies.otherMentor),
      CalendarTokenResponseSchema
    );
    expect(parseIcs(await (await fetch(feedUrl)).text())).toHaveLength(0);
  });
});

describe('pinned files', () => {
  const pdf = new TextEncoder().encode('%PDF-1.4\n% a tiny test file\n');
  const upload = (cookie: string | undefined, name = 'plan.pdf', body: Uint8Array<ArrayBuffer> = pdf) =>
    fetch(`${server.url}/api/mentorships/demo-pair-1/files?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/octet-stream' },
      body
    });

  it('lets a pair member upload and both members download; nobody else', async () => {
    const response = await upload(cookies.mentee);
    expect(response.status).toBe(201);
    const file = await readJson(response, PairFileSchema);
    expect(file).toMatchObject({ size: pdf.byteLength, mediaType: 'application/pdf' });
    const path = `/api/mentorships/demo-pair-1/files/${file.fileId}`;
    const download = await get(path, cookies.mentor);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    expect(download.headers.get('cache-control')).toMatch(/^private/);
    for (const who of ['coordinator', 'admin', 'otherMentor'] as const)
      expect((await get(path, cookies[who])).status).toBe(403);
    expect((await get(path)).status).toBe(401);
    expect((await get('/api/mentorships/demo-pair-2/files/' + file.fileId, cookies.otherMentor)).status).toBe(404);
  });

  it('refuses outsiders, bad names, types not on the allow-list and content that does not match', async () => {
    expect((await upload(cookies.coordinator)).status).toBe(403);
    expect((await upload(undefined)).status).toBe(401);
    const badName = await upload(cookies.mentor, '../etc/passwd.pdf');
    expect(badName.status).toBe(400);
    expect((await readError(badName)).message).toMatch(/^name:/);
    expect((await upload(cookies.mentor, 'script.svg')).status).toBe(415);
    expect((await upload(cookies.mentor, 'fake.pdf', new TextEncoder().encode('<html>'))).status).toBe(415);
  });
});

describe('pair file quotas', () => {
  it(`refuses the ${MAX_PAIR_FILES + 1}st file of a pair with 413 pair_file_quota`, async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n% quota\n');
    const uploadTo = (n: number) =>
      fetch(`${server.url}/api/mentorships/demo-pair-2/files?name=quota-${n}.pdf`, {
        method: 'POST',
        headers: { cookie: cookies.otherMentor, 'content-type': 'application/octet-stream' },
        body: pdf
      });
    const held = () =>
      (
        server.db.prepare("SELECT count(*) AS n FROM pair_files WHERE mentorship_id = 'demo-pair-2'").get() as {
          n: number;
        }
      ).n;
    for (let n = held(); n < MAX_PAIR_FILES; n++) expect((await uploadTo(n)).status).toBe(201);
    const refused = await uploadTo(MAX_PAIR_FILES);
    expect(refused.status).toBe(413);
    const error = await readError(refused);
    expect(error.code).toBe('pair_file_quota');
    expect(error.message).toContain(`at most ${MAX_PAIR_FILES} files`);
    expect(held()).toBe(MAX_PAIR_FILES);
  });
});

describe('community discussions', () => {
  const base = `/api/programmes/${DEMO_PROGRAMME_ID}/topics`;

  it('refuses non-members (403) and anonymous callers (401), and names the bad field (400)', async () => {
    expect((await get(base, cookies.outsider)).status).toBe(403);
    expect((await send('POST', base, cookies.outsider, { title: 'Hi', text: 'there' })).status).toBe(403);
    expect((await get(base)).status).toBe(401);
    const bad = await send('POST', base, cookies.mentee, { title: '', text: 'x'.repeat(20_000) });
    expect(bad.status).toBe(400);
    const { message } = await readError(bad);
    expect(message).toMatch(/title/);
    expect(message).toMatch(/text/);
    expect((await get('/api/programmes/nope/topics', cookies.mentee)).status).toBe(404);
  });

  it('runs a topic with replies, hides a post (its text erased for everyone, the reason kept for its author), takes reports', async () => {
    const created = await send('POST', base, cookies.mentee, {
      title: 'Pricing illustration work',
      text: 'How do you price a **book cover**?'
    });
    expect(created.status).toBe(201);
    const { topic } = await readJson(created, TopicDetailSchema);
    const replied = await send('POST', `${base}/${topic.id}/replies`, cookies.otherMentor, {
      text: 'Rude <script>alert(1)</script> reply'
    });
    expect(replied.status).toBe(201);
    const { posts } = await readJson(replied, TopicDetailSchema);
    expect(posts.map((p) => p.text)).toEqual([
      'How do you price a **book cover**?',
      'Rude <script>alert(1)</script> reply'
    ]);
    const reply = posts[1]!;

    expect(
      (await send('POST', `${base}/${topic.id}/posts/${reply.id}/report`, cookies.mentee, { reason: 'rude' })).status
    ).toBe(200);
    expect((await send('POST', `${base}/${topic.id}/posts/${reply.id}/report`, cookies.otherMentor, {})).status).toBe(
      400
    );
    expect((await send('POST', `${base}/${topic.id}/posts/${reply.id}/hide`, cookies.mentee)).status).toBe(403);
    const hidden = await send('POST', `${base}/${topic.id}/posts/${reply.id}/hide`, cookies.coordinator, {
      reason: 'Be kind'
    });
    expect(hidden.status).toBe(200);
    expect(await hidden.json()).toMatchObject({
      reportCount: 1,
      hidden: { by: 'demo-coordinator', reason: 'Be kind' }
    });

    const seenBy = async (who: keyof typeof cookies) =>
      (await readJson(await get(`${base}/${topic.id}`, cookies[who]), TopicDetailSchema)).posts.find(
        (p) => p.id === reply.id
      )!;
    expect(await seenBy('mentee')).toMatchObject({ text: null, hidden: { reason: '' }, reportCount: null });
    expect(await seenBy('otherMentor')).toMatchObject({ text: null, hidden: { reason: 'Be kind' } });
    expect(await seenBy('coordinator')).toMatchObject({ text: null, hidden: { reason: 'Be kind' }, reportCount: 1 });
    const list = await readJson(await get(base, cookies.mentor), TopicListSchema);
    expect(list.topics.find((t) => t.id === topic.id)?.replyCount).toBe(1);
    expect((await get(`${base}/nope`, cookies.mentor)).status).toBe(404);
  });

  it('stores a topic or reply sent again with the same device id once, and refuses an id taken by someone else', async () => {
    const topicBody = { id: 'offlinetopic0000a1', postId: 'offlinepost00000a1', title: 'Sent twice', text: 'Opening' };
    const first = await send('POST', base, cookies.mentee, topicBody);
    expect(first.status).toBe(201);
    // The outbox retries after the server stored the topic (its answer was lost): the stored topic comes back.
    const again = await send('POST', base, cookies.mentee, topicBody);
    expect(again.status).toBe(200);
    const againDetail = await readJson(again, TopicDetailSchema);
    expect(againDetail.topic.id).toBe(topicBody.id);
    expect(againDetail.posts.map((p) => p.id)).toEqual([topicBody.postId]);
    const list = await readJson(await get(base, cookies.mentor), TopicListSchema);
    expect(list.topics.filter((t) => t.title === 'Sent twice')).toHaveLength(1);

    const reply = { id: 'offlinereply0000a1', text: 'Written offline' };
    expect((await send('POST', `${base}/${topicBody.id}/replies`, cookies.mentor, reply)).status).toBe(201);
    const retried = await send('POST', `${base}/${topicBody.id}/replies`, cookies.mentor, reply);
    expect(retried.status).toBe(200);
    const { posts } = await readJson(retried, TopicDetailSchema);
    expect(posts.filter((p) => p.text === 'Written offline').map((p) => p.id)).toEqual([reply.id]);
    const seen = await readJson(await get(`${base}/${topicBody.id}`, cookies.otherMentor), TopicDetailSchema);
    expect(seen.posts.map((p) => p.id)).toEqual([topicBody.postId, reply.id]);
    expect(seen.topic.replyCount).toBe(1);

    // Someone else's ids are not theirs to reuse; a malformed id names the field.
    const taken = await send('POST', `${base}/${topicBody.id}/replies`, cookies.otherMentor, reply);
    expect(taken.status).toBe(409);
    expect((await readError(taken)).code).toBe('id_taken');
    expect((await send('POST', base, cookies.otherMentor, topicBody)).status).toBe(409);
    const reusedPost = await send('POST', base, cookies.otherMentor, { ...topicBody, id: 'anothertopic0000a1' });
    expect(reusedPost.status).toBe(409);
    const bad = await send('POST', `${base}/${topicBody.id}/replies`, cookies.mentor, { id: 'Not An Id', text: 'x' });
    expect(bad.status).toBe(400);
    expect((await readError(bad)).message).toMatch(/id/);
    // Without an id the server still chooses one.
    expect((await send('POST', `${base}/${topicBody.id}/replies`, cookies.mentor, { text: 'No id' })).status).toBe(201);
    expect(server.logger.errors).toEqual([]);
  });

  it('never answers 500 to a broken body', async () => {
    const response = await fetch(`${server.url}${base}`, {
      method: 'POST',
      headers: { cookie: cookies.mentee, 'content-type': 'application/json' },
      body: '{oops'
    });
    expect(response.status).toBe(400);
    expect(server.logger.errors).toEqual([]);
  });
});
