import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailableMentor, MatchRequest, Mentorship } from '@mop/shared';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import { api } from './test-api.ts';

const P = `/api/programmes/${DEMO_PROGRAMME_ID}`;
let server: TestServer;
let coordinator: string;
let mentee3: string;
let mentee4: string;
let mentor3: string;
let mentor4: string;

beforeAll(async () => {
  server = await startTestServer();
  const cookies = await Promise.all(
    ['coordinator@', 'mentee03@', 'mentee04@', 'mentor03@', 'mentor04@'].map((e) =>
      login(server.url, `${e}example.org`)
    )
  );
  [coordinator, mentee3, mentee4, mentor3, mentor4] = cookies as [string, string, string, string, string];
});
afterAll(async () => {
  expect(server.logger.errors).toEqual([]);
  await server.close();
});

describe('matching settings', () => {
  it('reads the demo settings and merges a partial update', async () => {
    const read = await api(server.url, coordinator, 'GET', `${P}/matching/settings`);
    expect(read.body).toMatchObject({
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
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      mode: 'stable',
      weights: { skills: 60, sectors: 20 },
      rules: { minOverlapMinutes: 30, maxTimeZoneGapHours: 6 }
    });
    expect((await api(server.url, coordinator, 'GET', `${P}/matching/settings`)).body).toEqual(put.body);
    await api(server.url, coordinator, 'PUT', `${P}/matching/settings`, {
      weights: { skills: 40 },
      rules: { minOverlapMinutes: 0 },
      mode: 'optimal'
    });
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
  let first: MatchRequest;
  let second: MatchRequest;

  it('shows mentees the mentors with free capacity and only their public fields', async () => {
    const answer = await api(server.url, mentee3, 'GET', `${P}/mentors/available`);
    expect(answer.status).toBe(200);
    const mentors = answer.body.mentors as AvailableMentor[];
    expect(mentors.length).toBe(17);
    const m3 = mentors.find((m) => m.userId === 'demo-mentor-3')!;
    expect(m3).toMatchObject({ freeCapacity: 1, requested: false });
    expect(Object.keys(m3)).not.toContain('availability');
    expect(Object.keys(m3)).not.toContain('email');
    expect(mentors.find((m) => m.userId === 'demo-mentor-1')).toMatchObject({ freeCapacity: 1 });
    expect((await api(server.url, mentor3, 'GET', `${P}/mentors/available`)).status).toBe(403);
    expect((await api(server.url, null, 'GET', `${P}/mentors/available`)).status).toBe(401);
  });

  it('takes requests from mentees only, with a valid body, once per mentor', async () => {
    let answer = await api(server.url, mentee3, 'POST', `${P}/match-requests`, {
      mentorId: 'demo-mentor-3',
      message: 'I would love your help with funding.'
    });
    expect(answer.status).toBe(201);
    first = answer.body as unknown as MatchRequest;
    expect(first).toMatchObject({
      status: 'pending',
      mentee: { id: 'demo-mentee-3' },
      mentor: { id: 'demo-mentor-3' }
    });
    expect(
      (await api(server.url, mentee3, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-3', message: 'again' }))
        .status
    ).toBe(409);
    answer = await api(server.url, mentee4, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-3', message: '' });
    expect(answer.status).toBe(201);
    second = answer.body as unknown as MatchRequest;

    answer = await api(server.url, mentee3, 'POST', `${P}/match-requests`, { message: 'hi' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toContain('mentorId');
    expect(
      (await api(server.url, mentee3, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentee-4', message: '' })).status
    ).toBe(404);
    expect(
      (await api(server.url, coordinator, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-4', message: '' }))
        .status
    ).toBe(403);
    const mine = (await api(server.url, mentor3, 'GET', '/api/match-requests')).body.requests as MatchRequest[];
    expect(mine.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    const available = (await api(server.url, mentee3, 'GET', `${P}/mentors/available`)).body
      .mentors as AvailableMentor[];
    expect(available.find((m) => m.userId === 'demo-mentor-3')?.requested).toBe(true);
  });

  it('lets only the requested mentor answer', async () => {
    expect((await api(server.url, mentee3, 'POST', `/api/match-requests/${first.id}/accept`)).status).toBe(403);
    expect((await api(server.url, mentor4, 'POST', `/api/match-requests/${first.id}/accept`)).status).toBe(403);
    expect((await api(server.url, mentor3, 'POST', '/api/match-requests/no-such/accept')).status).toBe(404);
    expect((await api(server.url, null, 'POST', `/api/match-requests/${first.id}/accept`)).status).toBe(401);
  });

  it('accepting creates the mentorship with its explanation; a full mentor answers 409', async () => {
    const answer = await api(server.url, mentor3, 'POST', `/api/match-requests/${first.id}/accept`);
    expect(answer.status).toBe(200);
    expect(answer.body.request).toMatchObject({ status: 'accepted' });
    const created = answer.body.mentorship as Mentorship;
    expect(created).toMatchObject({
      mentor: { id: 'demo-mentor-3' },
      mentee: { id: 'demo-mentee-3' },
      match: { source: 'self-matching' }
    });
    const seen = (await api(server.url, mentee3, 'GET', '/api/mentorships')).body.mentorships as Mentorship[];
    expect(seen).toHaveLength(1);
    expect(Object.values(seen[0]!.match!.breakdown).reduce((a, b) => a + b, 0)).toBe(seen[0]!.match!.score);

    const full = await api(server.url, mentor3, 'POST', `/api/match-requests/${second.id}/accept`);
    expect(full.status).toBe(409);
    expect(full.body.error?.message).toContain('no free place');
    expect((await api(server.url, mentor3, 'POST', `/api/match-requests/${first.id}/accept`)).status).toBe(409);
    const declined = await api(server.url, mentor3, 'POST', `/api/match-requests/${second.id}/decline`);
    expect(declined.body).toMatchObject({ status: 'declined' });
    expect((await api(server.url, mentor3, 'POST', `/api/match-requests/${second.id}/decline`)).status).toBe(409);

    // The matched mentee cannot ask again; the full mentor is no longer offered.
    expect(
      (await api(server.url, mentee3, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-4', message: '' })).status
    ).toBe(409);
    const available = (await api(server.url, mentee4, 'GET', `${P}/mentors/available`)).body
      .mentors as AvailableMentor[];
    expect(available.some((m) => m.userId === 'demo-mentor-3')).toBe(false);
  });

  it('is closed when the programme turns self-matching off', async () => {
    await api(server.url, coordinator, 'PUT', `${P}/matching/settings`, { selfMatching: false });
    expect((await api(server.url, mentee4, 'GET', `${P}/mentors/available`)).status).toBe(403);
    expect(
      (await api(server.url, mentee4, 'POST', `${P}/match-requests`, { mentorId: 'demo-mentor-4', message: '' })).status
    ).toBe(403);
  });
});
