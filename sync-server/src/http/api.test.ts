import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ApiErrorSchema, LoginResponseSchema, MentorshipListSchema, SESSION_COOKIE, UserSchema } from '@mop/shared';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { readError } from '../test-support/responses.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  // "Never a 500": a handler bug would show up here even if a test did not look at the status.
  expect(server.logger.errors).toEqual([]);
});

function post(
  path: string,
  body: string | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' }
) {
  return fetch(`${server.url}${path}`, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
}

async function expectError(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = v.parse(ApiErrorSchema, await response.json());
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error.code;
}

describe('auth', () => {
  it('logs in with the demo password and sets a safe session cookie', async () => {
    const response = await post(
      '/api/auth/login',
      JSON.stringify({ email: 'Mentor@Example.org ', password: 'mop-demo' })
    );
    expect(response.status).toBe(200);
    const body = v.parse(LoginResponseSchema, await response.json());
    expect(body.user).toEqual({
      id: 'demo-mentor-1',
      email: 'mentor@example.org',
      name: 'Marta Rossi, illustrator',
      role: 'mentor',
      // No language chosen on the account yet (nor an accepted invitation's).
      language: null
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('marks the cookie Secure when the request came over https (through a trusted proxy only)', async () => {
    const signIn = (url: string) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: 'mentor@example.org', password: 'mop-demo' })
      });
    // This server trusts no proxy (the default): anyone could send the header.
    const untrusted = await signIn(server.url);
    expect(untrusted.status).toBe(200);
    expect(untrusted.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    const proxied = await startTestServer({ trustProxy: { kind: 'all' } });
    try {
      const response = await signIn(proxied.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('answers 401 with the same message for a wrong password and an unknown email', async () => {
    const wrong = await post('/api/auth/login', JSON.stringify({ email: 'mentor@example.org', password: 'nope' }));
    const unknown = await post('/api/auth/login', JSON.stringify({ email: 'nobody@example.org', password: 'nope' }));
    expect(await expectError(wrong.clone(), 401)).toBe('invalid_credentials');
    expect(await expectError(unknown.clone(), 401)).toBe('invalid_credentials');
    expect((await readError(wrong)).message).toBe((await readError(unknown)).message);
  });

  it.each([
    ['malformed JSON', '{"email": "mentor@example.org",'],
    ['an empty body', ''],
    ['a missing password', JSON.stringify({ email: 'mentor@example.org' })],
    ['a missing email', JSON.stringify({ password: 'mop-demo' })],
    ['wrong types', JSON.stringify({ email: 42, password: ['mop-demo'] })],
    ['an invalid email', JSON.stringify({ email: 'not-an-email', password: 'x' })],
    ['a JSON array', '[]'],
    ['JSON null', 'null']
  ])('answers 400 for %s', async (_label, body) => {
    await expectError(await post('/api/auth/login', body), 400);
  });

  it('refuses a body that is not JSON by content type', async () => {
    const response = await post('/api/auth/login', 'email=a@b.c&password=x', {
      'content-type': 'application/x-www-form-urlencoded'
    });
    expect(await expectError(response, 415)).toBe('unsupported_media_type');
    await expectError(await post('/api/auth/login', '{}', {}), 415);
  });

  it('refuses an oversized body with 413', async () => {
    const body = JSON.stringify({ email: 'mentor@example.org', password: 'x'.repeat(100 * 1024) });
    await expectError(await post('/api/auth/login', body), 413);
  });

  it('rate-limits repeated failures for one email', async () => {
    const attempt = () => post('/api/auth/login', JSON.stringify({ email: 'guesser@example.org', password: 'guess' }));
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(await expectError(limited.clone(), 429)).toBe('too_many_attempts');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('serves /api/me only with a valid session, and logout ends it', async () => {
    await expectError(await fetch(`${server.url}/api/me`), 401);
    await expectError(await fetch(`${server.url}/api/me`, { headers: { cookie: `${SESSION_COOKIE}=forged` } }), 401);

    const cookie = await login(server.url, 'mentee@example.org');
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(v.parse(UserSchema, await me.json())).toMatchObject({ email: 'mentee@example.org', role: 'mentee' });

    const logout = await post('/api/auth/logout', undefined, { cookie });
    expect(logout.status).toBe(200);
    expect(await logout.json()).toEqual({ ok: true });
    expect(logout.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`));
    await expectError(await fetch(`${server.url}/api/me`, { headers: { cookie } }), 401);
  });
});

describe('api', () => {
  it('reports health', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    expect(await expectError(await fetch(`${server.url}/api/nope`), 404)).toBe('not_found');
    await expectError(await post('/api/me', '{}'), 404);
  });

  it('lists a mentor only their own pairs', async () => {
    const cookie = await login(server.url, 'mentor@example.org');
    const response = await fetch(`${server.url}/api/mentorships`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const { mentorships } = v.parse(MentorshipListSchema, await response.json());
    expect(mentorships).toHaveLength(1);
    expect(mentorships[0]).toMatchObject({
      id: 'demo-pair-1',
      programmeName: 'PeerMent pilot cohort',
      mentor: { email: 'mentor@example.org' },
      mentee: { email: 'mentee@example.org' },
      status: 'active',
      docName: 'mentorship:demo-pair-1'
    });
  });

  it('lists the second pair to its own mentor and mentee only', async () => {
    for (const email of ['mentor2@example.org', 'mentee2@example.org']) {
      const cookie = await login(server.url, email);
      const list = v.parse(
        MentorshipListSchema,
        await (await fetch(`${server.url}/api/mentorships`, { headers: { cookie } })).json()
      );
      expect(list.mentorships.map((m) => m.id)).toEqual(['demo-pair-2']);
    }
  });

  it('lists every pair of the programme to its coordinator and to an admin', async () => {
    for (const email of ['coordinator@example.org', 'admin@example.org']) {
      const cookie = await login(server.url, email);
      const list = v.parse(
        MentorshipListSchema,
        await (await fetch(`${server.url}/api/mentorships`, { headers: { cookie } })).json()
      );
      expect(list.mentorships.map((m) => m.id).sort()).toEqual(['demo-pair-1', 'demo-pair-2']);
    }
  });

  it('refuses the mentorship list without a session', async () => {
    await expectError(await fetch(`${server.url}/api/mentorships`), 401);
  });

  it('answers a plain GET on the sync path with 426, not the app', async () => {
    await expectError(await fetch(`${server.url}/sync/mentorship:demo-pair-1`), 426);
  });
});
