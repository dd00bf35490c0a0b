import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchingRun, MatchingRunList, Mentorship, ParticipantList } from '@mop/shared';
import { login, startTestServer, upgradeStatus, type TestServer } from '../test-support/harness.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import { api } from './test-api.ts';

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
    expect(answer.status).toBe(200);
    const { participants } = answer.body as unknown as ParticipantList;
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
  let first: MatchingRun;

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
    const answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`);
    expect(answer.status).toBe(201);
    first = answer.body as unknown as MatchingRun;
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
    const forbidden = first.pairs[0]!;
    const other = first.pairs.find((p) => p.mentor.id !== forbidden.mentor.id && p.mentee.id !== forbidden.mentee.id)!;
    const lock: [string, string] = [other.mentee.id, forbidden.mentor.id];
    const answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, {
      mode: 'stable',
      locks: [lock],
      forbids: [[forbidden.mentee.id, forbidden.mentor.id]]
    });
    expect(answer.status).toBe(201);
    const run = answer.body as unknown as MatchingRun;
    expect(run).toMatchObject({ mode: 'stable', locks: [lock], forbids: [[forbidden.mentee.id, forbidden.mentor.id]] });
    expect(run.pairs.find((p) => p.mentee.id === lock[0])).toMatchObject({ mentor: { id: lock[1] }, locked: true });
    expect(run.pairs.some((p) => p.mentee.id === forbidden.mentee.id && p.mentor.id === forbidden.mentor.id)).toBe(
      false
    );
    for (const pair of run.pairs) expect(Object.values(pair.breakdown).reduce((a, b) => a + b, 0)).toBe(pair.score);
  });

  it('keeps the pairs of the run it revises where nothing is lost (basedOn)', async () => {
    // One forbid on a first pair: an optimal re-run based on the first run keeps every other pair it can.
    const forbidden = first.pairs[0]!;
    const plain = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, {
      forbids: [[forbidden.mentee.id, forbidden.mentor.id]]
    });
    const revised = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, {
      forbids: [[forbidden.mentee.id, forbidden.mentor.id]],
      basedOn: first.id
    });
    expect(plain.status).toBe(201);
    expect(revised.status).toBe(201);
    const plainRun = plain.body as unknown as MatchingRun;
    const run = revised.body as unknown as MatchingRun;
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
    expect((await api(server.url, coordinator, 'GET', `${P}/matching/runs/${run.id}`)).body).toEqual(run);
  });

  it('refuses a basedOn run that does not exist (404) or is not an id (400)', async () => {
    let answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, { basedOn: 'no-such-run' });
    expect(answer.status).toBe(404);
    expect(answer.body.error?.message).toContain('basedOn');
    answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, { basedOn: 42 });
    expect(answer.status).toBe(400);
  });

  it('refuses a lock that contradicts a forbid (409)', async () => {
    const pair = [first.pairs[0]!.mentee.id, first.pairs[0]!.mentor.id];
    const answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs`, { locks: [pair], forbids: [pair] });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.message).toMatch(/locked and a forbidden/);
  });

  it('refuses manual pairs that break a hard rule, exceed a capacity or repeat a mentee', async () => {
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
    const answer = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${first.id}/publish`);
    expect(answer.status).toBe(200);
    const published = answer.body.run as MatchingRun;
    const mentorships = answer.body.mentorships as Mentorship[];
    expect(published.status).toBe('published');
    expect(mentorships).toHaveLength(first.pairs.length);
    expect(published.mentorshipIds).toEqual(mentorships.map((m) => m.id));

    const pair = first.pairs[0]!;
    const email = pair.mentee.id.replace(
      /^demo-mentee-(\d+)$/,
      (_, n: string) => `mentee${n.padStart(2, '0')}@example.org`
    );
    const matchedMentee = await login(server.url, email);
    const own = (await api(server.url, matchedMentee, 'GET', '/api/mentorships')).body.mentorships as Mentorship[];
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
    const theirs = (await api(server.url, mentee, 'GET', '/api/mentorships')).body.mentorships as Mentorship[];
    expect(theirs.map((m) => m.id)).toEqual(['demo-pair-1']);
    expect(theirs[0]!.match).toBeUndefined();

    const again = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${first.id}/publish`);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('already_published');
  });

  it('lists the runs newest first with status and counts, to coordinators and admins only', async () => {
    const answer = await api(server.url, coordinator, 'GET', `${P}/matching/runs`);
    expect(answer.status).toBe(200);
    const { runs } = answer.body as unknown as MatchingRunList;
    // This file stored four runs (refused ones store nothing): the first (published), the re-run with locks (stable),
    // and the plain and the revised optimal re-runs around one forbid.
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
    const run = (await api(server.url, coordinator, 'POST', `${P}/matching/runs`, {})).body as unknown as MatchingRun;
    expect(run.unmatched.filter((u) => u.reason === 'already-matched').length).toBe(first.pairs.length + 2);
  });
});
