import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { CatalogueSchema, CertificateSchema, type LearningModule } from '@mop/shared';
import { startTestServer, type TestServer } from '../test-support/harness.ts';
import { readError, readJson } from '../test-support/responses.ts';

/**
 * The self-learning modules over real HTTP on a real SQLite file: they come with the catalogue, a passing set of
 * answers gets a certificate that anyone can verify, and every bad request is a 4xx JSON answer that stores nothing.
 */

let server: TestServer;
let module: LearningModule;

beforeAll(async () => {
  server = await startTestServer();
  const catalogue = v.parse(CatalogueSchema, await (await fetch(`${server.url}/api/catalogue`)).json());
  module = catalogue.modules.find((m) => m.id === 'mentoring-foundations')!;
});

afterAll(async () => {
  await server.close();
  expect(server.logger.errors).toEqual([]);
});

// Anonymous certificates must be completed within minutes of their registration (ANONYMOUS_COMPLETION_WINDOW_MS).
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
const key = (m: LearningModule) => Object.fromEntries(m.quiz.map((q) => [q.id, q.answer]));
let requestCounter = 0;
const requestId = () => `test-request-${String(++requestCounter).padStart(8, '0')}`;
const post = (moduleId: string, body: unknown, contentType = 'application/json') =>
  fetch(`${server.url}/api/modules/${moduleId}/certificates`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  });
const countCertificates = () => (server.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n;

describe('modules in the catalogue', () => {
  it('serves the seeded modules with lessons, quiz and pass mark', async () => {
    const catalogue = v.parse(CatalogueSchema, await (await fetch(`${server.url}/api/catalogue`)).json());
    expect(catalogue.modules.map((m) => m.id)).toEqual([
      'mentoring-foundations',
      'listening-and-feedback',
      'mentee-getting-the-most'
    ]);
    expect(module.lessons.length).toBe(3);
    expect(module.quiz.length).toBe(5);
    expect(module.passPercent).toBe(80);
    // Every resource a lesson lists is in the same catalogue, so a device that has the catalogue can open it.
    const ids = new Set(catalogue.resources.map((r) => r.id));
    for (const m of catalogue.modules)
      for (const lesson of m.lessons) for (const id of lesson.resourceIds) expect(ids).toContain(id);
  });

  it('adds the starter modules to a database seeded before modules existed, and leaves existing ones alone', async () => {
    const first = await startTestServer();
    const dataDir = first.dataDir;
    // A database from before modules: the table is empty at the next start.
    first.db.prepare('DELETE FROM learning_modules').run();
    await first.close();
    const second = await startTestServer({ dataDir });
    try {
      expect(second.learningModules.listModules().map((m) => m.id)).toEqual([
        'mentoring-foundations',
        'listening-and-feedback',
        'mentee-getting-the-most'
      ]);
      // Modules the server already has are not replaced by the starter ones at a restart.
      const edited = { ...second.learningModules.getModule('mentoring-foundations')!, title: 'Edited by an admin' };
      second.learningModules.putModule(edited, 0);
    } finally {
      await second.close();
    }
    const third = await startTestServer({ dataDir });
    try {
      expect(third.learningModules.getModule('mentoring-foundations')?.title).toBe('Edited by an admin');
      expect(third.learningModules.countModules()).toBe(3);
    } finally {
      await third.close();
    }
  });
});

describe('POST /api/modules/:id/certificates', () => {
  it('registers a certificate for passing answers, and a retry with the same requestId gets the same one', async () => {
    const id = requestId();
    const body = {
      requestId: id,
      learnerName: '  Grace Hopper ',
      answers: key(module),
      completedAt: NOW,
      moduleVersion: 1
    };
    const first = await post(module.id, body);
    expect(first.status).toBe(201);
    const certificate = v.parse(CertificateSchema, await first.json());
    expect(certificate).toMatchObject({
      moduleId: module.id,
      moduleVersion: 1,
      learnerName: 'Grace Hopper',
      percent: 100,
      completedAt: NOW
    });
    expect(certificate.moduleTitle).toBe(module.title);
    const before = countCertificates();
    const retry = await post(module.id, body);
    expect(retry.status).toBe(200);
    expect((await readJson(retry, CertificateSchema)).code).toBe(certificate.code);
    expect(countCertificates()).toBe(before);

    const verify = await fetch(`${server.url}/api/certificates/${certificate.code.toLowerCase().replaceAll('-', '')}`);
    expect(verify.status).toBe(200);
    expect(await verify.json()).toEqual(certificate);
  });

  it('passes at exactly the pass mark (4 of 5) and refuses 3 of 5 with 422, storing nothing', async () => {
    const answers = key(module);
    const [q1, q2] = module.quiz;
    const four = { ...answers, [q1!.id]: (q1!.answer + 1) % q1!.options.length };
    const pass = await post(module.id, {
      requestId: requestId(),
      learnerName: 'Ada',
      answers: four,
      completedAt: new Date().toISOString(),
      moduleVersion: 1
    });
    expect(pass.status).toBe(201);
    expect((await readJson(pass, CertificateSchema)).percent).toBe(80);

    const before = countCertificates();
    const three = { ...four, [q2!.id]: (q2!.answer + 1) % q2!.options.length };
    const fail = await post(module.id, {
      requestId: requestId(),
      learnerName: 'Ada',
      answers: three,
      completedAt: new Date().toISOString(),
      moduleVersion: 1
    });
    expect(fail.status).toBe(422);
    const error = await readError(fail);
    expect(error.code).toBe('not_passed');
    expect(error.message).toMatch(/3 of 5 answers are right \(60%\).*needs 80%/);
    expect(countCertificates()).toBe(before);
  });

  it.each([
    [
      'an unknown module',
      'no-such-module',
      {
        requestId: 'r'.repeat(20),
        learnerName: 'A',
        answers: {},
        completedAt: NOW,
        moduleVersion: 1
      },
      404,
      'not_found'
    ],
    [
      'a module id that is not a slug',
      'Bad%20Id',
      {
        requestId: 'r'.repeat(20),
        learnerName: 'A',
        answers: {},
        completedAt: NOW,
        moduleVersion: 1
      },
      404,
      'not_found'
    ],
    [
      'a missing name',
      'mentoring-foundations',
      { requestId: 'r'.repeat(20), answers: {}, completedAt: NOW, moduleVersion: 1 },
      400,
      'invalid_request'
    ],
    [
      'a blank name',
      'mentoring-foundations',
      {
        requestId: 'r'.repeat(20),
        learnerName: '   ',
        answers: {},
        completedAt: NOW,
        moduleVersion: 1
      },
      400,
      'invalid_request'
    ],
    [
      'a name over 120 characters',
      'mentoring-foundations',
      {
        requestId: 'r'.repeat(20),
        learnerName: 'x'.repeat(121),
        answers: {},
        completedAt: NOW,
        moduleVersion: 1
      },
      400,
      'invalid_request'
    ],
    [
      'a short requestId',
      'mentoring-foundations',
      { requestId: 'abc', learnerName: 'A', answers: {}, completedAt: NOW, moduleVersion: 1 },
      400,
      'invalid_request'
    ],
    [
      'answers that are not option indexes',
      'mentoring-foundations',
      {
        requestId: 'r'.repeat(20),
        learnerName: 'A',
        answers: { 'who-leads': 'b' },
        completedAt: NOW,
        moduleVersion: 1
      },
      400,
      'invalid_request'
    ],
    [
      'a completedAt that Date cannot read (+01 offset)',
      'mentoring-foundations',
      {
        requestId: 'r'.repeat(20),
        learnerName: 'A',
        answers: {},
        completedAt: '2026-01-01T00:00:00+01',
        moduleVersion: 1
      },
      400,
      'invalid_request'
    ],
    [
      'a name with a control character',
      'mentoring-foundations',
      {
        requestId: 'r'.repeat(20),
        learnerName: 'Ada\u0007',
        answers: {},
        completedAt: NOW,
        moduleVersion: 1
      },
      400,
      'invalid_request'
    ],
    [
      'a name with a bidi override',
      'mentoring-foundations',
      {
        requestId: 'r'.repeat(20),
        learnerName: 'Ada\u202Eevol',
        answers: {},
        completedAt: NOW,
        moduleVersion: 1
      },
      400,
      'invalid_request'
    ],
    [
      'a missing moduleVersion',
      'mentoring-foundations',
      { requestId: 'r'.repeat(20), learnerName: 'A', answers: {}, completedAt: NOW },
      400,
      'invalid_request'
    ],
    [
      'a bad completedAt',
      'mentoring-foundations',
      { requestId: 'r'.repeat(20), learnerName: 'A', answers: {}, completedAt: 'yesterday', moduleVersion: 1 },
      400,
      'invalid_request'
    ],
    [
      'a completedAt days in the future',
      'mentoring-foundations',
      {
        requestId: 'r'.repeat(20),
        learnerName: 'A',
        answers: {},
        completedAt: '2099-01-01T00:00:00Z',
        moduleVersion: 1
      },
      400,
      'invalid_request'
    ],
    [
      'an unknown field',
      'mentoring-foundations',
      {
        requestId: 'r'.repeat(20),
        learnerName: 'A',
        answers: {},
        completedAt: NOW,
        moduleVersion: 1,
        score: 100
      },
      400,
      'invalid_request'
    ],
    ['invalid JSON', 'mentoring-foundations', '{"requestId":', 400, 'invalid_json'],
    ['a JSON array', 'mentoring-foundations', '[]', 400, 'invalid_request']
  ])('answers %s with a 4xx JSON error and stores nothing', async (_name, moduleId, body, status, code) => {
    const before = countCertificates();
    const response = await post(moduleId, body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect((await readError(response)).code).toBe(code);
    expect(countCertificates()).toBe(before);
  });

  it('names the missing fields of an incomplete request as required', async () => {
    const response = await post(module.id, { requestId: 'r'.repeat(20) });
    expect(response.status).toBe(400);
    expect((await readError(response)).message).toBe(
      'learnerName is required; answers is required; moduleVersion is required; completedAt is required'
    );
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await post(module.id, 'learnerName=A', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(415);
  });

  it('refuses a requestId already used for another module with 409', async () => {
    const other = await readJson(await fetch(`${server.url}/api/catalogue`), CatalogueSchema);
    const listening = other.modules.find((m) => m.id === 'listening-and-feedback')!;
    const id = requestId();
    expect(
      (
        await post(module.id, {
          requestId: id,
          learnerName: 'A',
          answers: key(module),
          completedAt: NOW,
          moduleVersion: 1
        })
      ).status
    ).toBe(201);
    const reused = await post(listening.id, {
      requestId: id,
      learnerName: 'A',
      answers: key(listening),
      completedAt: NOW,
      moduleVersion: 1
    });
    expect(reused.status).toBe(409);
  });
});

describe('a quiz taken on an older version of the module', () => {
  it('registers answers that still pass, and refuses failing ones with 409 module_updated (not 422)', async () => {
    const updated = {
      ...module,
      version: 2,
      quiz: module.quiz.map((q) => (q.id === 'who-leads' ? { ...q, answer: (q.answer + 1) % q.options.length } : q))
    };
    server.learningModules.putModule(updated, 0);
    try {
      const oldKey = key(module);
      // 4 of 5 still right on version 2: a pass at 80%, registered on version 2.
      const pass = await post(module.id, {
        requestId: requestId(),
        learnerName: 'Ada',
        answers: oldKey,
        completedAt: NOW,
        moduleVersion: 1
      });
      expect(pass.status).toBe(201);
      expect((await readJson(pass, CertificateSchema)).moduleVersion).toBe(2);
      // One more wrong answer fails on version 2: the learner is told the module changed.
      const [, second] = module.quiz;
      const worse = { ...oldKey, [second!.id]: (second!.answer + 1) % second!.options.length };
      const refused = await post(module.id, {
        requestId: requestId(),
        learnerName: 'Ada',
        answers: worse,
        completedAt: NOW,
        moduleVersion: 1
      });
      expect(refused.status).toBe(409);
      expect((await readError(refused)).code).toBe('module_updated');
      // The same answers sent as version 2 are simply not passing.
      const current = await post(module.id, {
        requestId: requestId(),
        learnerName: 'Ada',
        answers: worse,
        completedAt: NOW,
        moduleVersion: 2
      });
      expect(current.status).toBe(422);
    } finally {
      server.learningModules.putModule(module, 0);
    }
  });
});

describe('GET /api/certificates/:code', () => {
  it('answers 400 for a malformed code and 404 for an unknown one', async () => {
    const bad = await fetch(`${server.url}/api/certificates/not-a-code`);
    expect(bad.status).toBe(400);
    expect((await readError(bad)).code).toBe('invalid_code');
    const unknown = await fetch(`${server.url}/api/certificates/ZZZZ-ZZZZ-ZZZZ`);
    expect(unknown.status).toBe(404);
  });
});

describe('rate limit', () => {
  it('refuses registrations beyond the hourly limit per address with 429 and Retry-After', async () => {
    const limited = await startTestServer();
    try {
      const { moduleRoutes } = await import('./routes.ts');
      const { Hono } = await import('hono');
      // The route itself with a limit of 2, on the limited server's module store, called in-process.
      const app = new Hono().route(
        '/',
        moduleRoutes(limited.learningModules, () => null, { anonymousPerHour: 2 })
      );
      const mod = limited.learningModules.getModule('mentoring-foundations')!;
      const call = (n: number) =>
        app.request('/modules/mentoring-foundations/certificates', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            requestId: `limit-request-${String(n).padStart(6, '0')}`,
            learnerName: 'A',
            answers: key(mod),
            completedAt: NOW,
            moduleVersion: 1
          })
        });
      expect((await call(1)).status).toBe(201);
      // A retry of a registered request and a refused quiz do not count against the limit.
      expect((await call(1)).status).toBe(200);
      const failing = await app.request('/modules/mentoring-foundations/certificates', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          requestId: 'limit-request-failing',
          learnerName: 'A',
          answers: {},
          completedAt: NOW,
          moduleVersion: 1
        })
      });
      expect(failing.status).toBe(422);
      expect((await call(2)).status).toBe(201);
      const third = await call(3);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
