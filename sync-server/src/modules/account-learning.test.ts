import { afterEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  CertificateSchema,
  LearningStateSchema,
  apiPaths,
  type LearningModule,
  type ModuleProgressWire
} from '@mop/shared';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { readError, readJson } from '../test-support/responses.ts';

/**
 * Certificates that cannot be backdated without an account, are throttled, and — when the learner is signed in —
 * belong to the account: a second device (a second sign-in, its own cookie) sees them and the module progress.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function start(): Promise<{ server: TestServer; module: LearningModule }> {
  const server = await startTestServer();
  cleanups.push(() => server.close());
  const module = server.learningModules.getModule('mentoring-foundations') as LearningModule;
  return { server, module };
}

const key = (m: LearningModule) => Object.fromEntries(m.quiz.map((q) => [q.id, q.answer]));
let counter = 0;
const requestId = () => `account-test-${String(++counter).padStart(8, '0')}`;

function register(
  server: TestServer,
  module: LearningModule,
  completedAt: string,
  options: { cookie?: string; id?: string } = {}
): Promise<Response> {
  return fetch(`${server.url}${apiPaths.moduleCertificates(module.id)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.cookie ? { cookie: options.cookie } : {}) },
    body: JSON.stringify({
      requestId: options.id ?? requestId(),
      learnerName: 'Inês Carvalho',
      answers: key(module),
      moduleVersion: module.version,
      completedAt
    })
  });
}

async function syncLearning(
  server: TestServer,
  cookie: string,
  body: { progress?: ModuleProgressWire[]; certificateRequestIds?: string[] } = {}
) {
  const response = await fetch(`${server.url}${apiPaths.learningState()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ progress: body.progress ?? [], certificateRequestIds: body.certificateRequestIds ?? [] })
  });
  expect(response.status).toBe(200);
  return v.parse(LearningStateSchema, await response.json());
}

const count = (server: TestServer) =>
  (server.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n;

describe('anonymous certificates', () => {
  it('refuses one dated before the request (422 completion_too_old) and stores nothing', async () => {
    const { server, module } = await start();
    const backdated = await register(server, module, '2001-01-01T00:00:00.000Z');
    expect(backdated.status).toBe(422);
    expect((await readError(backdated)).code).toBe('completion_too_old');
    const yesterday = await register(server, module, new Date(Date.now() - 86_400_000).toISOString());
    expect(yesterday.status).toBe(422);
    expect(count(server)).toBe(0);
    expect((await register(server, module, new Date(Date.now() - 60_000).toISOString())).status).toBe(201);
  });

  it('throttles registrations from one address (429 with Retry-After after 60 an hour)', async () => {
    const { server, module } = await start();
    const now = new Date().toISOString();
    for (let i = 0; i < 60; i++) expect((await register(server, module, now)).status).toBe(201);
    const refused = await register(server, module, now);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(count(server)).toBe(60);
  });
});

describe('certificates and progress of a signed-in learner', () => {
  it('follow the account to a second device, keep the real completion time, and take earlier anonymous ones', async () => {
    const { server, module } = await start();
    const phone = await login(server.url, 'mentee@example.org');
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const passed = await register(server, module, threeDaysAgo, { cookie: phone });
    expect(passed.status).toBe(201);
    const certificate = await readJson(passed, CertificateSchema);
    expect(certificate.completedAt).toBe(threeDaysAgo);
    const progress: ModuleProgressWire = {
      moduleId: module.id,
      lessonsDone: module.lessons.slice(0, 2).map((lesson) => lesson.id),
      attempts: [
        {
          at: threeDaysAgo,
          moduleVersion: module.version,
          correct: module.quiz.length,
          total: module.quiz.length,
          percent: 100,
          passed: true,
          answers: key(module)
        }
      ],
      updatedAt: threeDaysAgo
    };
    // Registered on this laptop before signing in: the account takes it when the laptop syncs.
    const anonymousId = requestId();
    expect((await register(server, module, new Date().toISOString(), { id: anonymousId })).status).toBe(201);
    await syncLearning(server, phone, { progress: [progress] });

    const laptop = await login(server.url, 'mentee@example.org');
    const seen = await syncLearning(server, laptop, { certificateRequestIds: [anonymousId] });
    expect(seen.certificates.map((c) => c.code)).toContain(certificate.code);
    expect(seen.certificates.map((c) => c.requestId)).toContain(anonymousId);
    expect(seen.progress).toEqual([progress]);

    // Another learner sees none of it; without a session the endpoint answers 401.
    const other = await syncLearning(server, await login(server.url, 'mentee2@example.org'));
    expect(other).toEqual({ progress: [], certificates: [] });
    const anonymous = await fetch(`${server.url}${apiPaths.learningState()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ progress: [], certificateRequestIds: [] })
    });
    expect(anonymous.status).toBe(401);

    // "Start over" on one device clears the account's progress for that module; certificates stay.
    const reset = await fetch(`${server.url}${apiPaths.learningProgress(module.id)}`, {
      method: 'DELETE',
      headers: { cookie: laptop }
    });
    expect(reset.status).toBe(200);
    const after = await syncLearning(server, phone);
    expect(after.progress).toEqual([]);
    expect(after.certificates).toHaveLength(2);
  });
});
