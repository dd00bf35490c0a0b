import { afterEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ApiErrorSchema, SESSION_COOKIE, apiPaths } from '@mop/shared';
import { startTestServer, type TestServer } from '../test-support/harness.ts';
import { LOGIN_LIMITS, LoginThrottle } from './login-throttle.ts';
import { currentPasswordParams, hashPassword, verifyPassword } from './passwords.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await server.close();
    expect(server.logger.errors).toEqual([]);
  }
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

/** Signs in from `address` (the server trusts X-Forwarded-For in these tests, as behind a proxy). */
function signIn(server: TestServer, email: string, password: string, address = '198.51.100.7') {
  return fetch(`${server.url}${apiPaths.login()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password })
  });
}

function cookieOf(response: Response): string {
  const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(response.headers.get('set-cookie') ?? '');
  if (!match) throw new Error('no session cookie');
  return `${SESSION_COOKIE}=${match[1]}`;
}

async function codeOf(response: Response): Promise<string> {
  return v.parse(ApiErrorSchema, await response.json()).error.code;
}

describe('sign-in throttling', () => {
  it('stops one password sprayed over 40 accounts from one address, and no other address', async () => {
    const server = await start({ trustProxy: { kind: 'all' } });
    const answers: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await signIn(server, `person${i}@example.org`, 'Summer2026!');
      answers.push(response.status);
      await response.body?.cancel();
    }
    expect(answers.slice(0, LOGIN_LIMITS.address.failures)).toEqual(Array(LOGIN_LIMITS.address.failures).fill(401));
    expect(answers.slice(LOGIN_LIMITS.address.failures)).toEqual(Array(40 - LOGIN_LIMITS.address.failures).fill(429));
    // Even the right password waits on that address; the same person elsewhere signs in.
    const blocked = await signIn(server, 'mentor@example.org', 'mop-demo');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await codeOf(blocked)).toBe('too_many_attempts');
    const elsewhere = await signIn(server, 'mentor@example.org', 'mop-demo', '203.0.113.9');
    expect(elsewhere.status).toBe(200);
    await elsewhere.body?.cancel();
  });

  it('stops guessing one account from many addresses', async () => {
    const server = await start({ trustProxy: { kind: 'all' } });
    for (let i = 0; i < LOGIN_LIMITS.account.failures; i++) {
      const response = await signIn(server, 'mentee@example.org', `guess-${i}`, `192.0.2.${i + 1}`);
      expect(response.status).toBe(401);
      await response.body?.cancel();
    }
    const next = await signIn(server, 'mentee@example.org', 'mop-demo', '192.0.2.200');
    expect(next.status).toBe(429);
    await next.body?.cancel();
    // Another account is not affected.
    const other = await signIn(server, 'mentor@example.org', 'mop-demo', '192.0.2.201');
    expect(other.status).toBe(200);
    await other.body?.cancel();
  });

  it('counts failures in total too, and forgets an account-and-address after a success', async () => {
    const throttle = new LoginThrottle({
      accountFromAddress: { failures: 3, seconds: 60 },
      account: { failures: 100, seconds: 60 },
      address: { failures: 100, seconds: 60 },
      global: { failures: 7, seconds: 60 }
    });
    await throttle.recordFailure('a@example.org', '10.0.0.1');
    await throttle.recordFailure('a@example.org', '10.0.0.1');
    await throttle.recordSuccess('a@example.org', '10.0.0.1');
    await throttle.recordFailure('a@example.org', '10.0.0.1');
    await throttle.recordFailure('a@example.org', '10.0.0.1');
    expect(await throttle.retryAfterMs('a@example.org', '10.0.0.1')).toBe(0);
    await throttle.recordFailure('a@example.org', '10.0.0.1');
    expect(await throttle.retryAfterMs('a@example.org', '10.0.0.1')).toBeGreaterThan(0);
    // Seven failures in all, from anywhere: the whole platform waits (a distributed spray).
    expect(await throttle.retryAfterMs('b@example.org', '10.0.0.2')).toBe(0);
    await throttle.recordFailure('c@example.org', '10.0.0.3');
    await throttle.recordFailure('d@example.org', '10.0.0.4');
    expect(await throttle.retryAfterMs('b@example.org', '10.0.0.2')).toBeGreaterThan(0);
  });
});

describe('password hashes', () => {
  it('replaces a hash made at a lower cost with one at today’s when the person signs in', async () => {
    const server = await start();
    const weak = await hashPassword('a long passphrase', { N: 1024, r: 8, p: 1 });
    server.store.createUser({
      id: 'old-hash-user',
      email: 'old@example.org',
      name: 'Olga Old',
      role: 'mentee',
      passwordHash: weak
    });
    const response = await signIn(server, 'old@example.org', 'a long passphrase');
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const stored = server.store.findUserById('old-hash-user')!.passwordHash;
    const { N, r, p } = currentPasswordParams();
    expect(stored).not.toBe(weak);
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(N), String(r), String(p)]);
    expect(await verifyPassword('a long passphrase', stored)).toBe(true);
    // A wrong password changes nothing; the new hash keeps working.
    const wrong = await signIn(server, 'old@example.org', 'not it');
    expect(wrong.status).toBe(401);
    await wrong.body?.cancel();
    expect(server.store.findUserById('old-hash-user')!.passwordHash).toBe(stored);
    const again = await signIn(server, 'old@example.org', 'a long passphrase');
    expect(again.status).toBe(200);
    await again.body?.cancel();
  });
});

describe('idle sessions', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('end after 14 days unused, stay alive while used, and end after 30 days in any case', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const server = await start({ now: () => now });
    const me = async (cookie: string) => {
      const response = await fetch(`${server.url}${apiPaths.me()}`, { headers: { cookie } });
      await response.body?.cancel();
      return response.status;
    };
    const busy = cookieOf(await signIn(server, 'mentor@example.org', 'mop-demo'));
    const idle = cookieOf(await signIn(server, 'mentee@example.org', 'mop-demo'));

    now = new Date(now.getTime() + 13 * DAY);
    expect(await me(busy)).toBe(200);
    now = new Date(now.getTime() + 2 * DAY); // day 15: the idle one has been unused for 15 days
    expect(await me(idle)).toBe(401);
    expect(await me(busy)).toBe(200); // used on day 13
    now = new Date(now.getTime() + 13 * DAY); // day 28
    expect(await me(busy)).toBe(200);
    now = new Date(now.getTime() + 3 * DAY); // day 31: past the session's whole lifetime
    expect(await me(busy)).toBe(401);
  });

  it('follows MOP_SESSION_IDLE_DAYS', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const server = await start({ now: () => now, sessionIdleDays: 2 });
    const cookie = cookieOf(await signIn(server, 'mentor@example.org', 'mop-demo'));
    now = new Date(now.getTime() + 2 * DAY + 60_000);
    const response = await fetch(`${server.url}${apiPaths.me()}`, { headers: { cookie } });
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});
