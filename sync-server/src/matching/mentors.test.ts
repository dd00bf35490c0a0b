import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  MatchingRunSchema,
  MentorPublicProfileSchema,
  profileDocName,
  writeProfile,
  type MentorPublicProfile
} from '@mop/shared';
import { hashPassword } from '../auth/passwords.ts';
import { connectClient, login, startTestServer, waitSynced, type TestServer } from '../test-support/harness.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import { readStoredProfile } from './profiles.ts';
import { api, expectBody } from './test-api.ts';

/** The mentor list, parsed strictly: a field beyond the public profile fails the parse, not only the key check. */
const StrictMentorListSchema = v.object({ mentors: v.array(v.strictObject(MentorPublicProfileSchema.entries)) });

const P = `/api/programmes/${DEMO_PROGRAMME_ID}`;
let server: TestServer;
let coordinator: string;
let admin: string;
let mentee3: string;
let mentee4: string;
let mentor3: string;
let mentor5: string;
let outsider: string;

beforeAll(async () => {
  server = await startTestServer();
  server.store.createUser({
    id: 'outsider',
    email: 'outsider@example.org',
    name: 'Olga Outsider',
    role: 'mentee',
    passwordHash: await hashPassword('mop-demo')
  });
  const emails = ['coordinator@', 'admin@', 'mentee03@', 'mentee04@', 'mentor03@', 'mentor05@', 'outsider@'];
  const cookies = await Promise.all(emails.map((e) => login(server.url, `${e}example.org`)));
  [coordinator, admin, mentee3, mentee4, mentor3, mentor5, outsider] = cookies as [
    string,
    string,
    string,
    string,
    string,
    string,
    string
  ];
});
afterAll(async () => {
  expect(server.logger.errors).toEqual([]);
  await server.close();
});

const mentorsOf = async (cookie: string): Promise<MentorPublicProfile[]> => {
  const answer = await api(server.url, cookie, 'GET', `${P}/mentors`);
  return expectBody(answer, 200, StrictMentorListSchema).mentors;
};

describe('GET /programmes/:id/mentors (mentors a mentee may rank)', () => {
  it('lists every mentor with a complete profile, public fields only, in name order', async () => {
    const mentors = await mentorsOf(mentee3);
    expect(mentors).toHaveLength(17);
    const names = mentors.map((m) => m.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    const m3 = mentors.find((m) => m.userId === 'demo-mentor-3')!;
    expect(m3).toMatchObject({ freeCapacity: 1 });
    expect(m3.sectors.length).toBeGreaterThan(0);
    expect(Object.keys(m3).sort()).toEqual([
      'bio',
      'country',
      'displayName',
      'freeCapacity',
      'goals',
      'headline',
      'languages',
      'organisation',
      'sectors',
      'skillsOffered',
      'timeZone',
      'userId'
    ]);
    expect((await mentorsOf(coordinator)).length).toBe(17);
    expect((await mentorsOf(admin)).length).toBe(17);
  });

  it('refuses without a session (401), to mentors and outsiders (403) and for an unknown programme (404), as JSON', async () => {
    const anonymous = await api(server.url, null, 'GET', `${P}/mentors`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBeTruthy();
    const asMentor = await api(server.url, mentor3, 'GET', `${P}/mentors`);
    expect(asMentor.status).toBe(403);
    expect(asMentor.body.error).toMatchObject({ code: 'forbidden' });
    expect((await api(server.url, outsider, 'GET', `${P}/mentors`)).status).toBe(403);
    const unknown = await api(server.url, mentee3, 'GET', '/api/programmes/no-such/mentors');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'not_found' });
  });

  it('keeps full mentors (with no free place) and works with self-matching off', async () => {
    // mentor03 has one place: a self-matching request accepted fills it.
    const request = await api(server.url, mentee3, 'POST', `${P}/match-requests`, {
      mentorId: 'demo-mentor-3',
      message: ''
    });
    expect(request.status).toBe(201);
    expect(
      (await api(server.url, mentor3, 'POST', `/api/match-requests/${String(request.body.id)}/accept`)).status
    ).toBe(200);
    const available = (await api(server.url, mentee4, 'GET', `${P}/mentors/available`)).body
      .mentors as MentorPublicProfile[];
    expect(available.some((m) => m.userId === 'demo-mentor-3')).toBe(false);
    expect((await mentorsOf(mentee4)).find((m) => m.userId === 'demo-mentor-3')).toMatchObject({ freeCapacity: 0 });

    await api(server.url, coordinator, 'PUT', `${P}/matching/settings`, { selfMatching: false });
    try {
      expect((await api(server.url, mentee4, 'GET', `${P}/mentors/available`)).status).toBe(403);
      expect(await mentorsOf(mentee4)).toHaveLength(17);
    } finally {
      await api(server.url, coordinator, 'PUT', `${P}/matching/settings`, { selfMatching: true });
    }
  });

  it('leaves out a mentor whose profile became incomplete', async () => {
    const client = connectClient(server, profileDocName('demo-mentor-5'), mentor5);
    try {
      await waitSynced(client);
      writeProfile(client.doc, { sectors: [] });
      await expect
        .poll(async () => (await mentorsOf(mentee4)).some((m) => m.userId === 'demo-mentor-5'), { timeout: 10_000 })
        .toBe(false);
      expect(await mentorsOf(mentee4)).toHaveLength(16);
    } finally {
      client.destroy();
    }
  });
});

describe('a mentee ranking in a run', () => {
  it('reaches the engine: the run explains the rank, and a stale id in the ranking is ignored', async () => {
    const client = connectClient(server, profileDocName('demo-mentee-4'), mentee4);
    try {
      await waitSynced(client);
      // A mentor id the programme no longer has (as a device may keep after a mentor leaves) comes first.
      writeProfile(client.doc, { ranking: ['no-such-mentor', 'demo-mentor-7', 'demo-mentor-6'] });
      // The server appends every update to its log before anything else, so the run reads it once it is there.
      await expect
        .poll(() => readStoredProfile(server.store, () => undefined, 'demo-mentee-4').ranking, { timeout: 10_000 })
        .toHaveLength(3);
      const answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, {
        mode: 'stable',
        locks: [['demo-mentee-4', 'demo-mentor-6']]
      });
      const run = expectBody(answer, 201, MatchingRunSchema);
      const pair = run.pairs.find((p) => p.mentee.id === 'demo-mentee-4');
      expect(pair).toMatchObject({ mentor: { id: 'demo-mentor-6' }, locked: true });
      expect(pair!.details.menteeRank).toBe(2);
      expect(pair!.breakdown.preference).toBeGreaterThan(0);
    } finally {
      client.destroy();
    }
  });
});
