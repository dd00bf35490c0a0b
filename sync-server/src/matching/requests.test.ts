import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptMatchRequestResponseSchema,
  AvailableMentorListSchema,
  MatchRequestListSchema,
  MatchRequestSchema,
  MatchingSettingsSchema,
  MentorshipListSchema,
  type MatchRequest
} from '@mop/shared';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import { api, expectBody, freshDemoServer } from './test-api.ts';

const P = `/api/programmes/${DEMO_PROGRAMME_ID}`;
/** Shared by the tests that change nothing; every test that changes the programme starts a server of its own. */
let server: TestServer;
let coordinator: string;
let mentee3: string;
let mentor3: string;

beforeAll(async () => {
  server = await startTestServer();
  const cookies = await Promise.all(
    ['coordinator@', 'mentee03@', 'mentor03@'].map((e) => login(server.url, `${e}example.org`))
  );
  [coordinator, mentee3, mentor3] = cookies as [string, string, string];
});
afterAll(async () => {
  expect(server.logger.errors).toEqual([]);
  await server.close();
});

/** A fresh demo server with the coordinator, mentees 3 and 4 and mentors 3 and 4 signed in. */
async function freshProgramme() {
  const { server, cookies } = await freshDemoServer(
    ['coordinator@', 'mentee03@', 'mentee04@', 'mentor03@', 'mentor04@'].map((e) => `${e}example.org`)
  );
  const [coordinator, mentee3, mentee4, mentor3, mentor4] = cookies as [string, string, string, string, string];
  return { server, coordinator, mentee3, mentee4, mentor3, mentor4 };
}

/** Mentee 3's request to mentor 3 and mentee 4's to mentor 3, created on `s`. */
async function twoRequestsToMentor3(s: Awaited<ReturnType<typeof freshProgramme>>) {
  const first = expectBody(
    await api(s.server.url, s.mentee3, 'POST', `${P}/match-requests`, {
      mentorId: 'demo-mentor-3',
      message: 'I would love your help with funding.'
    }),
    201,
    MatchRequestSchema
  );
  const second = expectBody(
    await api(s.server.url, s.mentee4, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-3', message: '' }),
    201,
    MatchRequestSchema
  );
  return { first, second };
}

describe('matching settings', () => {
  it('reads the demo settings and merges a partial update', async () => {
    const { server, coordinator } = await freshProgramme();
    const read = await api(server.url, coordinator, 'GET', `${P}/matching/settings`);
    expect(expectBody(read, 200, MatchingSettingsSchema)).toMatchObject({
      mode: 'optimal',
      selfMatching: true,
      rules: { sharedLanguage: true, maxTimeZoneGapHours: 6 },
      weights: { skills: 40 }
    });
    const put = await api(server.url, coordinator, 'PUT', `${P}/matching/settings`, {
      weights: { skills: 60 },
      rules: { minOverlapMinutes: 30 },
      mode: 'stable'
    });
    const updated = expectBody(put, 200, MatchingSettingsSchema);
    expect(updated).toMatchObject({
      mode: 'stable',
      weights: { skills: 60, sectors: 20 },
      rules: { minOverlapMinutes: 30, maxTimeZoneGapHours: 6 }
    });
    expect((await api(server.url, coordinator, 'GET', `${P}/matching/settings`)).body).toEqual(updated);
  });

  it('refuses bad settings (400 naming the field) and non-coordinators (401/403)', async () => {
    const bad = await api(server.url, coordinator, 'PUT', `${P}/matching/settings`, { weights: { skills: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('weights.skills');
    expect((await api(server.url, coordinator, 'PUT', `${P}/matching/settings`, { wieghts: {} })).status).toBe(400);
    expect((await api(server.url, coordinator, 'PUT', `${P}/matching/settings`, 'x')).status).toBe(400);
    expect((await api(server.url, mentor3, 'PUT', `${P}/matching/settings`, { mode: 'greedy' })).status).toBe(403);
    expect((await api(server.url, mentee3, 'GET', `${P}/matching/settings`)).status).toBe(403);
    expect((await api(server.url, null, 'GET', `${P}/matching/settings`)).status).toBe(401);
  });
});

describe('self-matching', () => {
  it('shows mentees the mentors with free capacity and only their public fields', async () => {
    const answer = await api(server.url, mentee3, 'GET', `${P}/mentors/available`);
    const { mentors } = expectBody(answer, 200, AvailableMentorListSchema);
    expect(mentors.length).toBe(17);
    const m3 = mentors.find((m) => m.userId === 'demo-mentor-3')!;
    expect(m3).toMatchObject({ freeCapacity: 1, requested: false });
    // The schema drops unknown keys: look at the raw answer for what must not be there.
    const raw = (answer.body.mentors as Record<string, unknown>[]).find((m) => m.userId === 'demo-mentor-3')!;
    expect(Object.keys(raw)).not.toContain('availability');
    expect(Object.keys(raw)).not.toContain('email');
    expect(mentors.find((m) => m.userId === 'demo-mentor-1')).toMatchObject({ freeCapacity: 1 });
    expect((await api(server.url, mentor3, 'GET', `${P}/mentors/available`)).status).toBe(403);
    expect((await api(server.url, null, 'GET', `${P}/mentors/available`)).status).toBe(401);
  });

  it('takes requests from mentees only, with a valid body, once per mentor', async () => {
    const s = await freshProgramme();
    const { server, coordinator, mentee3, mentor3 } = s;
    const { first, second } = await twoRequestsToMentor3(s);
    expect(first).toMatchObject({
      status: 'pending',
      mentee: { id: 'demo-mentee-3' },
      mentor: { id: 'demo-mentor-3' }
    });
    expect(
      (await api(server.url, mentee3, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-3', message: 'again' }))
        .status
    ).toBe(409);

    const answer = await api(server.url, mentee3, 'POST', `${P}/match-requests`, { message: 'hi' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toContain('mentorId');
    expect(
      (await api(server.url, mentee3, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentee-4', message: '' })).status
    ).toBe(404);
    expect(
      (await api(server.url, coordinator, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-4', message: '' }))
        .status
    ).toBe(403);
    const mine = expectBody(await api(server.url, mentor3, 'GET', '/api/match-requests'), 200, MatchRequestListSchema);
    expect(mine.requests.map((r: MatchRequest) => r.id).sort()).toEqual([first.id, second.id].sort());
    const available = expectBody(
      await api(server.url, mentee3, 'GET', `${P}/mentors/available`),
      200,
      AvailableMentorListSchema
    );
    expect(available.mentors.find((m) => m.userId === 'demo-mentor-3')?.requested).toBe(true);
  });

  it('lets only the requested mentor answer', async () => {
    const s = await freshProgramme();
    const { first } = await twoRequestsToMentor3(s);
    const { server, mentee3, mentor3, mentor4 } = s;
    expect((await api(server.url, mentee3, 'POST', `/api/match-requests/${first.id}/accept`)).status).toBe(403);
    expect((await api(server.url, mentor4, 'POST', `/api/match-requests/${first.id}/accept`)).status).toBe(403);
    expect((await api(server.url, mentor3, 'POST', '/api/match-requests/no-such/accept')).status).toBe(404);
    expect((await api(server.url, null, 'POST', `/api/match-requests/${first.id}/accept`)).status).toBe(401);
  });

  it('accepting creates the mentorship with its explanation; a full mentor answers 409', async () => {
    const s = await freshProgramme();
    const { first, second } = await twoRequestsToMentor3(s);
    const { server, mentee3, mentee4, mentor3 } = s;
    const answer = await api(server.url, mentor3, 'POST', `/api/match-requests/${first.id}/accept`);
    const accepted = expectBody(answer, 200, AcceptMatchRequestResponseSchema);
    expect(accepted.request).toMatchObject({ status: 'accepted' });
    expect(accepted.mentorship).toMatchObject({
      mentor: { id: 'demo-mentor-3' },
      mentee: { id: 'demo-mentee-3' },
      match: { source: 'self-matching' }
    });
    const seen = expectBody(
      await api(server.url, mentee3, 'GET', '/api/mentorships'),
      200,
      MentorshipListSchema
    ).mentorships;
    expect(seen).toHaveLength(1);
    expect(Object.values(seen[0]!.match!.breakdown).reduce((a, b) => a + b, 0)).toBe(seen[0]!.match!.score);

    const full = await api(server.url, mentor3, 'POST', `/api/match-requests/${second.id}/accept`);
    expect(full.status).toBe(409);
    expect(full.body.error?.message).toContain('no free place');
    expect((await api(server.url, mentor3, 'POST', `/api/match-requests/${first.id}/accept`)).status).toBe(409);
    const declined = await api(server.url, mentor3, 'POST', `/api/match-requests/${second.id}/decline`);
    expect(expectBody(declined, 200, MatchRequestSchema)).toMatchObject({ status: 'declined' });
    expect((await api(server.url, mentor3, 'POST', `/api/match-requests/${second.id}/decline`)).status).toBe(409);

    // The matched mentee cannot ask again; the full mentor is no longer offered.
    expect(
      (await api(server.url, mentee3, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-4', message: '' })).status
    ).toBe(409);
    const available = expectBody(
      await api(server.url, mentee4, 'GET', `${P}/mentors/available`),
      200,
      AvailableMentorListSchema
    );
    expect(available.mentors.some((m) => m.userId === 'demo-mentor-3')).toBe(false);
  });

  it('is closed when the programme turns self-matching off', async () => {
    const { server, coordinator, mentee4 } = await freshProgramme();
    const off = await api(server.url, coordinator, 'PUT', `${P}/matching/settings`, { selfMatching: false });
    expect(expectBody(off, 200, MatchingSettingsSchema).selfMatching).toBe(false);
    expect((await api(server.url, mentee4, 'GET', `${P}/mentors/available`)).status).toBe(403);
    expect(
      (await api(server.url, mentee4, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-4', message: '' })).status
    ).toBe(403);
  });
});
