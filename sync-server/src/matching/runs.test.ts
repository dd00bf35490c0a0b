import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MatchingRunListSchema,
  MatchingRunSchema,
  MentorshipListSchema,
  ParticipantListSchema,
  MatchingRunRequestSchema,
  PublishRunResponseSchema,
  type MatchingRun
} from '@mop/shared';
import type * as v from 'valibot';
import { login, startTestServer, upgradeStatus, type TestServer } from '../test-support/harness.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import { api, expectBody, freshDemoServer } from './test-api.ts';

const P = `/api/programmes/${DEMO_PROGRAMME_ID}`;
let server: TestServer;
let coordinator: string;
let admin: string;
let mentor: string;
let mentee: string;

beforeAll(async () => {
  server = await startTestServer();
  const cookies = await Promise.all(
    ['coordinator@', 'admin@', 'mentor@', 'mentee@'].map((e) => login(server.url, `${e}example.org`))
  );
  [coordinator, admin, mentor, mentee] = cookies as [string, string, string, string];
});
afterAll(async () => {
  // No request of this file may have become a 500.
  expect(server.logger.errors).toEqual([]);
  await server.close();
});

/** A new draft run of the demo programme on `on` (the shared server by default). */
async function createRun(
  request: v.InferInput<typeof MatchingRunRequestSchema> = {},
  on: { url: string; cookie: string } = { url: server.url, cookie: coordinator }
): Promise<MatchingRun> {
  return expectBody(await api(on.url, on.cookie, 'POST', `${P}/matching/runs`, request), 201, MatchingRunSchema);
}

function checkRun(run: MatchingRun): void {
  const perMentor = new Map<string, number>();
  const mentees = new Set<string>();
  for (const pair of run.pairs) {
    expect(Object.values(pair.breakdown).reduce((a, b) => a + b, 0)).toBe(pair.score);
    if (!pair.locked) expect(pair.rulesBroken).toEqual([]);
    expect(pair.details.sharedLanguages.length).toBeGreaterThan(0);
    expect(pair.details.timeZoneGapHours).toBeLessThanOrEqual(6);
    expect(mentees.has(pair.mentee.id)).toBe(false);
    mentees.add(pair.mentee.id);
    perMentor.set(pair.mentor.id, (perMentor.get(pair.mentor.id) ?? 0) + 1);
  }
  for (const [id, used] of perMentor) expect(used, id).toBeLessThanOrEqual(id === 'demo-mentor-3' ? 1 : 5);
}

describe('programmes and participants', () => {
  it('lists the programmes with the caller’s role', async () => {
    expect((await api(server.url, coordinator, 'GET', '/api/programmes')).body.programmes).toEqual([
      expect.objectContaining({
        id: DEMO_PROGRAMME_ID,
        role: 'coordinator',
        roles: ['coordinator'],
        selfMatching: true
      })
    ]);
    expect((await api(server.url, mentee, 'GET', '/api/programmes')).body.programmes).toEqual([
      expect.objectContaining({ role: 'mentee' })
    ]);
    expect((await api(server.url, admin, 'GET', '/api/programmes')).body.programmes).toEqual([
      expect.objectContaining({ role: 'admin', roles: [] })
    ]);
    expect((await api(server.url, null, 'GET', '/api/programmes')).status).toBe(401);
  });

  it('lists mentors and mentees with profile completion and active mentorships', async () => {
    const answer = await api(server.url, coordinator, 'GET', `${P}/participants`);
    const { participants } = expectBody(answer, 200, ParticipantListSchema);
    expect(participants.filter((p) => p.role === 'mentor')).toHaveLength(17);
    expect(participants.filter((p) => p.role === 'mentee')).toHaveLength(42);
    expect(participants.every((p) => p.profileComplete && p.missingFields.length === 0)).toBe(true);
    expect(participants.find((p) => p.userId === 'demo-mentee-1')).toMatchObject({
      activeMentorships: 1,
      freeCapacity: 0,
      profileDocName: 'profile:demo-mentee-1'
    });
    expect(participants.find((p) => p.userId === 'demo-mentor-1')).toMatchObject({
      activeMentorships: 1,
      capacity: 2,
      freeCapacity: 1
    });
  });

  it('refuses participants to mentors, mentees and strangers; 404 for an unknown programme', async () => {
    expect((await api(server.url, mentor, 'GET', `${P}/participants`)).status).toBe(403);
    expect((await api(server.url, mentee, 'GET', `${P}/participants`)).status).toBe(403);
    expect((await api(server.url, null, 'GET', `${P}/participants`)).status).toBe(401);
    expect((await api(server.url, coordinator, 'GET', '/api/programmes/no-such/participants')).status).toBe(404);
    expect((await api(server.url, admin, 'GET', `${P}/participants`)).status).toBe(200);
  });
});

describe('runs', () => {
  it('refuses anonymous callers, mentors and mentees', async () => {
    expect((await api(server.url, null, 'POST', `${P}/matching/runs`, {})).status).toBe(401);
    expect((await api(server.url, mentor, 'POST', `${P}/matching/runs`, {})).status).toBe(403);
    expect((await api(server.url, mentee, 'POST', `${P}/matching/runs`, {})).status).toBe(403);
    expect((await api(server.url, coordinator, 'POST', '/api/programmes/nope/matching/runs', {})).status).toBe(404);
  });

  it('answers 400 naming the field for bad bodies', async () => {
    const cases: [unknown, string][] = [
      [{ mode: 'fast' }, 'mode'],
      [{ locks: [['demo-mentee-3']] }, 'locks'],
      [{ forbids: 'x' }, 'forbids'],
      [{ colour: 'red' }, 'colour'],
      [{ locks: [['demo-mentee-3', 'nobody-here']] }, 'locks.0.1'],
      ['[1,2]', 'JSON object'],
      ['{bad', 'not valid JSON']
    ];
    for (const [body, field] of cases) {
      const answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error?.message).toContain(field);
    }
  });

  it('proposes pairs that respect the rules, with explanations adding up to the score', async () => {
    const first = expectBody(await api(server.url, coordinator, 'POST', `${P}/matching/runs`), 201, MatchingRunSchema);
    expect(first).toMatchObject({ status: 'draft', mode: 'optimal', programmeId: DEMO_PROGRAMME_ID });
    expect(first.pairs.length).toBeGreaterThan(30);
    checkRun(first);
    expect(first.summary.totalScore).toBe(first.pairs.reduce((sum, p) => sum + p.score, 0));
    // The two mentees already in a pair stay out, with the reason.
    expect(
      first.unmatched
        .filter((u) => u.reason === 'already-matched')
        .map((u) => u.person.id)
        .sort()
    ).toEqual(['demo-mentee-1', 'demo-mentee-2']);
    expect((await api(server.url, coordinator, 'GET', `${P}/matching/runs/${first.id}`)).body).toEqual(first);
    expect((await api(server.url, coordinator, 'GET', `${P}/matching/runs/no-such-run`)).status).toBe(404);
  });

  it('honours locks and forbids in a re-run', async () => {
    const first = await createRun();
    const forbidden = first.pairs[0]!;
    const other = first.pairs.find((p) => p.mentor.id !== forbidden.mentor.id && p.mentee.id !== forbidden.mentee.id)!;
    const lock: [string, string] = [other.mentee.id, forbidden.mentor.id];
    const run = await createRun({
      mode: 'stable',
      locks: [lock],
      forbids: [[forbidden.mentee.id, forbidden.mentor.id]]
    });
    expect(run).toMatchObject({ mode: 'stable', locks: [lock], forbids: [[forbidden.mentee.id, forbidden.mentor.id]] });
    expect(run.pairs.find((p) => p.mentee.id === lock[0])).toMatchObject({ mentor: { id: lock[1] }, locked: true });
    expect(run.pairs.some((p) => p.mentee.id === forbidden.mentee.id && p.mentor.id === forbidden.mentor.id)).toBe(
      false
    );
    for (const pair of run.pairs) expect(Object.values(pair.breakdown).reduce((a, b) => a + b, 0)).toBe(pair.score);
  });

  it('keeps the pairs of the run it revises where nothing is lost (basedOn)', async () => {
    // One forbid on a first pair: an optimal re-run based on the first run keeps every other pair it can.
    const first = await createRun();
    const forbidden = first.pairs[0]!;
    const plainRun = await createRun({ forbids: [[forbidden.mentee.id, forbidden.mentor.id]] });
    const run = await createRun({ forbids: [[forbidden.mentee.id, forbidden.mentor.id]], basedOn: first.id });
    expect(run.basedOn).toBe(first.id);
    expect(plainRun.basedOn).toBeNull();
    expect(plainRun.summary.keptPrevious).toBeNull();
    // The tie-break never costs score or matched people…
    expect(run.summary.totalScore).toBe(plainRun.summary.totalScore);
    expect(run.summary.matched).toBe(plainRun.summary.matched);
    // …and the count it reports is the pairs the two runs share.
    const before = new Set(first.pairs.map((p) => `${p.mentee.id}|${p.mentor.id}`));
    const kept = run.pairs.filter((p) => before.has(`${p.mentee.id}|${p.mentor.id}`)).length;
    expect(run.summary.keptPrevious).toBe(kept);
    expect(kept).toBeGreaterThanOrEqual(
      plainRun.pairs.filter((p) => before.has(`${p.mentee.id}|${p.mentor.id}`)).length
    );
    expect(kept).toBeGreaterThan(first.pairs.length / 2);
    expect(
      expectBody(await api(server.url, coordinator, 'GET', `${P}/matching/runs/${run.id}`), 200, MatchingRunSchema)
    ).toEqual(run);
  });

  it('refuses a basedOn run that does not exist (404) or is not an id (400)', async () => {
    let answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, { basedOn: 'no-such-run' });
    expect(answer.status).toBe(404);
    expect(answer.body.error?.message).toContain('basedOn');
    answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, { basedOn: 42 });
    expect(answer.status).toBe(400);
  });

  it('refuses a lock that contradicts a forbid (409)', async () => {
    const first = await createRun();
    const pair = [first.pairs[0]!.mentee.id, first.pairs[0]!.mentor.id];
    const answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, { locks: [pair], forbids: [pair] });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.message).toMatch(/locked and a forbidden/);
  });

  it('refuses manual pairs that break a hard rule, exceed a capacity or repeat a mentee', async () => {
    const first = await createRun();
    // Toronto (UTC−5) and Athens (UTC+2) are 7 hours apart; the demo allows at most 6.
    let answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${first.id}/publish`, {
      pairs: [['demo-mentee-33', 'demo-mentor-5']]
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.message).toContain('maxTimeZoneGap');
    // demo-mentor-3 takes one mentee.
    answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${first.id}/publish`, {
      pairs: [
        ['demo-mentee-3', 'demo-mentor-3'],
        ['demo-mentee-4', 'demo-mentor-3']
      ]
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.message).toContain('capacity');
    answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${first.id}/publish`, {
      pairs: [
        ['demo-mentee-3', 'demo-mentor-4'],
        ['demo-mentee-3', 'demo-mentor-6']
      ]
    });
    expect(answer.status).toBe(400);
    answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${first.id}/publish`, {
      pairs: [['demo-mentee-1', 'demo-mentor-4']]
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.message).toContain('already matched');
    answer = await api(server.url, mentor, 'POST', `${P}/matching/runs/${first.id}/publish`, {});
    expect(answer.status).toBe(403);
  });

  it('publishes: mentorships with explanations, visible to the matched mentee only; twice is 409', async () => {
    const { server, cookies } = await freshDemoServer(['coordinator@example.org', 'mentee@example.org']);
    const [coordinator, mentee] = cookies as [string, string];
    const first = await createRun({}, { url: server.url, cookie: coordinator });
    const answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${first.id}/publish`);
    const { run: published, mentorships } = expectBody(answer, 200, PublishRunResponseSchema);
    expect(published.status).toBe('published');
    // The admins' audit log says who published and how many pairs it made.
    const logged = server.db
      .prepare("SELECT actor_id AS actor, details FROM audit_log WHERE action = 'matching.publish'")
      .all() as { actor: string; details: string }[];
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!.details)).toEqual({ runId: first.id, mentorships: mentorships.length });
    expect(mentorships).toHaveLength(first.pairs.length);
    expect(published.mentorshipIds).toEqual(mentorships.map((m) => m.id));

    const pair = first.pairs[0]!;
    const email = pair.mentee.id.replace(
      /^demo-mentee-(\d+)$/,
      (_, n: string) => `mentee${n.padStart(2, '0')}@example.org`
    );
    const matchedMentee = await login(server.url, email);
    const own = expectBody(
      await api(server.url, matchedMentee, 'GET', '/api/mentorships'),
      200,
      MentorshipListSchema
    ).mentorships;
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      mentor: { id: pair.mentor.id },
      mentee: { id: pair.mentee.id },
      docName: `mentorship:${own[0]!.id}`
    });
    expect(own[0]!.match).toMatchObject({
      source: 'coordinator',
      score: pair.score,
      breakdown: pair.breakdown,
      sharedLanguages: pair.details.sharedLanguages
    });
    expect(await upgradeStatus(`${server.wsUrl}/${own[0]!.docName}`, { cookie: matchedMentee })).toBe(101);
    // The original demo mentee sees only their own pair, which has no matching explanation.
    const theirs = expectBody(
      await api(server.url, mentee, 'GET', '/api/mentorships'),
      200,
      MentorshipListSchema
    ).mentorships;
    expect(theirs.map((m) => m.id)).toEqual(['demo-pair-1']);
    expect(theirs[0]!.match).toBeUndefined();

    const again = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${first.id}/publish`);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('already_published');
  });

  it('lists the runs newest first with status and counts, to coordinators and admins only', async () => {
    const { server, cookies } = await freshDemoServer([
      'coordinator@example.org',
      'admin@example.org',
      'mentor@example.org',
      'mentee@example.org'
    ]);
    const [coordinator, admin, mentor, mentee] = cookies as [string, string, string, string];
    const on = { url: server.url, cookie: coordinator };
    // Four runs (a refused one stores nothing): the first, published; a stable one; two optimal ones.
    const first = await createRun({}, on);
    expectBody(
      await api(server.url, coordinator, 'POST', `${P}/matching/runs/${first.id}/publish`),
      200,
      PublishRunResponseSchema
    );
    await createRun({ mode: 'stable' }, on);
    expect((await api(server.url, coordinator, 'POST', `${P}/matching/runs`, { mode: 'fast' })).status).toBe(400);
    await createRun({}, on);
    await createRun({ mode: 'optimal' }, on);
    const answer = await api(server.url, coordinator, 'GET', `${P}/matching/runs`);
    const { runs } = expectBody(answer, 200, MatchingRunListSchema);
    expect(runs).toHaveLength(4);
    expect(runs.map((r) => r.mode)).toEqual(['optimal', 'optimal', 'stable', 'optimal']);
    expect(runs[0]).toMatchObject({ status: 'draft', mode: 'optimal' });
    expect(runs[3]).toEqual({
      id: first.id,
      status: 'published',
      mode: 'optimal',
      createdAt: first.createdAt,
      publishedAt: expect.any(String),
      summary: {
        mentees: first.summary.mentees,
        mentors: first.summary.mentors,
        matched: first.summary.matched,
        unmatchedMentees: first.summary.unmatchedMentees
      }
    });
    for (let k = 1; k < runs.length; k++) expect(runs[k - 1]!.createdAt >= runs[k]!.createdAt).toBe(true);
    expect((await api(server.url, admin, 'GET', `${P}/matching/runs`)).status).toBe(200);
    expect((await api(server.url, mentor, 'GET', `${P}/matching/runs`)).status).toBe(403);
    expect((await api(server.url, mentee, 'GET', `${P}/matching/runs`)).status).toBe(403);
    expect((await api(server.url, null, 'GET', `${P}/matching/runs`)).status).toBe(401);
    expect((await api(server.url, coordinator, 'GET', '/api/programmes/nope/matching/runs')).status).toBe(404);
  });

  it('leaves the newly matched out of the next run', async () => {
    const { server, cookies } = await freshDemoServer(['coordinator@example.org']);
    const on = { url: server.url, cookie: cookies[0]! };
    const first = await createRun({}, on);
    expect((await api(on.url, on.cookie, 'POST', `${P}/matching/runs/${first.id}/publish`)).status).toBe(200);
    const run = await createRun({}, on);
    expect(run.unmatched.filter((u) => u.reason === 'already-matched').length).toBe(first.pairs.length + 2);
    // A mentor is reported with their whole capacity and every mentee they have, not only this run's free places:
    // one who got mentees in the first run and has room left is not mistaken for a mentor without mentees.
    // The demo's two pairs were active before the first run.
    const menteesOf = new Map<string, number>([
      ['demo-mentor-1', 1],
      ['demo-mentor-2', 1]
    ]);
    for (const pair of [...first.pairs, ...run.pairs])
      menteesOf.set(pair.mentor.id, (menteesOf.get(pair.mentor.id) ?? 0) + 1);
    const mentorsLeft = run.unmatched.filter((u) => u.role === 'mentor' && u.reason !== 'profile-incomplete');
    expect(mentorsLeft.some((u) => (menteesOf.get(u.person.id) ?? 0) > 0)).toBe(true);
    for (const mentor of mentorsLeft) {
      expect(mentor.used, mentor.person.name).toBe(menteesOf.get(mentor.person.id) ?? 0);
      expect(mentor.capacity, mentor.person.name).toBeGreaterThanOrEqual(mentor.used ?? 0);
      if (mentor.reason === 'no-free-capacity') expect(mentor.used).toBe(mentor.capacity);
    }
  });
});
