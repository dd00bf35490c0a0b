import { afterEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  AccountSchema,
  AccountSessionListSchema,
  ApiErrorSchema,
  AuditLogSchema,
  LoginResponseSchema,
  UserSchema
} from '@mop/shared';
import { login, startTestServer, waitFor, type TestServer } from '../test-support/harness.ts';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../test-support/smtp.ts';

const PUBLIC_URL = 'https://mentoring.example.org';
const NEW_PASSWORD = 'a much better passphrase';

interface Stack {
  mop: TestServer;
  smtp: TestSmtpServer;
}
const stacks: Stack[] = [];
afterEach(async () => {
  for (const { mop, smtp } of stacks.splice(0)) {
    // "Never a 500": a handler bug shows up here even if a test did not look at the status.
    expect(mop.logger.errors).toEqual([]);
    await mop.close();
    await smtp.close();
  }
});

async function stack(): Promise<Stack> {
  const smtp = await startTestSmtpServer();
  const mop = await startTestServer({
    publicUrl: PUBLIC_URL,
    mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 50 } }
  });
  const started = { mop, smtp };
  stacks.push(started);
  return started;
}

function call(
  mop: TestServer,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown } = {}
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${mop.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {})
  });
}

async function errorCode(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  return v.parse(ApiErrorSchema, await response.json()).error.code;
}

/** The token of the link in a received mail, after checking the link points at `path` on the public URL. */
function tokenOf(mail: ReceivedMail, path: string): string {
  const link = mail.links.find((l) => l.startsWith(`${PUBLIC_URL}${path}#`));
  expect(link, `a ${path} link in "${mail.subject}"`).toBeDefined();
  const token = new URLSearchParams(new URL(link ?? '').hash.slice(1)).get('token');
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return token ?? '';
}

async function canLogin(mop: TestServer, email: string, password: string): Promise<boolean> {
  const response = await call(mop, 'POST', '/api/auth/login', { body: { email, password } });
  return response.status === 200;
}

describe('forgot password', () => {
  it('mails a single-use link that sets a new password and ends every session of that user', async () => {
    const { mop, smtp } = await stack();
    const otherDevice = await login(mop.url, 'mentee@example.org');
    expect((await call(mop, 'GET', '/api/me', { cookie: otherDevice })).status).toBe(200);

    const asked = await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: ' Mentee@Example.org ' } });
    expect(asked.status).toBe(204);
    const mail = await smtp.waitForMail('mentee@example.org');
    const token = tokenOf(mail, '/reset-password');
    // Only its hash is stored.
    expect(JSON.stringify(mop.db.prepare('SELECT * FROM account_tokens').all())).not.toContain(token);

    // The page checks the link when it opens: valid, and checking does not use it (twice, then the reset works).
    const check = () => call(mop, 'POST', '/api/auth/reset-password/check', { body: { token } });
    expect((await check()).status).toBe(204);
    expect((await check()).status).toBe(204);
    const reset = await call(mop, 'POST', '/api/auth/reset-password', { body: { token, password: NEW_PASSWORD } });
    expect(reset.status).toBe(204);
    // A used link is refused when the page opens, before anyone types a password.
    expect(await errorCode(await check(), 400)).toBe('invalid_token');
    expect((await call(mop, 'GET', '/api/me', { cookie: otherDevice })).status).toBe(401);
    expect(await canLogin(mop, 'mentee@example.org', 'mop-demo')).toBe(false);
    expect(await canLogin(mop, 'mentee@example.org', NEW_PASSWORD)).toBe(true);

    const again = await call(mop, 'POST', '/api/auth/reset-password', {
      body: { token, password: 'yet another one!' }
    });
    expect(await errorCode(again, 400)).toBe('invalid_token');
  });

  it('answers the same for an unknown address, and sends nothing', async () => {
    const { mop, smtp } = await stack();
    const known = await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: 'mentor@example.org' } });
    const unknown = await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: 'nobody@example.org' } });
    expect([known.status, await known.text()]).toEqual([unknown.status, await unknown.text()]);
    await smtp.waitForMail('mentor@example.org');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.map((m) => m.to)).toEqual(['mentor@example.org']);
  });

  it('sends no link to a deactivated account, answering as for any other address', async () => {
    const { mop, smtp } = await stack();
    const admin = await login(mop.url, 'admin@example.org');
    const mentor = mop.store.findUserByEmail('mentor@example.org');
    const deactivate = await call(mop, 'POST', `/api/admin/users/${mentor?.id ?? ''}/deactivate`, { cookie: admin });
    expect(deactivate.status).toBe(200);
    const refused = await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: 'mentor@example.org' } });
    const other = await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: 'mentee@example.org' } });
    expect([refused.status, await refused.text()]).toEqual([other.status, await other.text()]);
    await smtp.waitForMail('mentee@example.org');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.map((m) => m.to)).toEqual(['mentee@example.org']);
  });

  it('refuses an expired link, a malformed token and a short password with clear 400s', async () => {
    const { mop, smtp } = await stack();
    await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: 'mentor@example.org' } });
    const token = tokenOf(await smtp.waitForMail('mentor@example.org'), '/reset-password');
    const short = await call(mop, 'POST', '/api/auth/reset-password', { body: { token, password: 'short' } });
    expect(await errorCode(short, 400)).toBe('invalid_request');
    const malformed = await call(mop, 'POST', '/api/auth/reset-password', {
      body: { token: 'not a token', password: NEW_PASSWORD }
    });
    expect(await errorCode(malformed, 400)).toBe('invalid_request');
    mop.db.prepare("UPDATE account_tokens SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    const expired = await call(mop, 'POST', '/api/auth/reset-password', { body: { token, password: NEW_PASSWORD } });
    expect(await errorCode(expired, 400)).toBe('invalid_token');
    expect(await canLogin(mop, 'mentor@example.org', 'mop-demo')).toBe(true);
  });

  it('sends at most three links an hour to one address, and limits one asker to ten requests', async () => {
    const { mop, smtp } = await stack();
    for (let i = 0; i < 5; i++) {
      const response = await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: 'mentor@example.org' } });
      expect(response.status).toBe(204);
    }
    await smtp.waitForMail('mentor@example.org', { index: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received).toHaveLength(3);
    for (let i = 0; i < 5; i++)
      await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: `someone${i}@example.org` } });
    const limited = await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: 'mentee@example.org' } });
    expect(await errorCode(limited, 429)).toBe('too_many_attempts');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("writes in the person's language, or the asker's when the person has none", async () => {
    const { mop, smtp } = await stack();
    await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: 'mentor@example.org', language: 'es' } });
    expect((await smtp.waitForMail('mentor@example.org')).subject).toBe('Restablece tu contraseña de MOP');
    const cookie = await login(mop.url, 'mentee@example.org');
    await call(mop, 'PATCH', '/api/account', { cookie, body: { language: 'it' } });
    await call(mop, 'POST', '/api/auth/forgot-password', { body: { email: 'mentee@example.org', language: 'es' } });
    const italian = await smtp.waitForMail('mentee@example.org');
    expect(italian.subject).toBe('Reimposta la password di MOP');
    expect(italian.text).toContain('entro 1 ora');
  });
});

describe('account settings', () => {
  it('reads and changes name, language and time zone, refusing unknown ones', async () => {
    const { mop } = await stack();
    const cookie = await login(mop.url, 'mentor@example.org');
    const before = v.parse(AccountSchema, await (await call(mop, 'GET', '/api/account', { cookie })).json());
    expect(before).toMatchObject({ email: 'mentor@example.org', language: null, timeZone: null, pendingEmail: null });
    const changed = await call(mop, 'PATCH', '/api/account', {
      cookie,
      body: { name: '  Marta Rossi ', language: 'it', timeZone: 'Europe/Rome' }
    });
    expect(changed.status).toBe(200);
    expect(v.parse(AccountSchema, await changed.json())).toMatchObject({
      name: 'Marta Rossi',
      language: 'it',
      timeZone: 'Europe/Rome'
    });
    expect(v.parse(UserSchema, await (await call(mop, 'GET', '/api/me', { cookie })).json())).toMatchObject({
      name: 'Marta Rossi'
    });
    for (const body of [{ timeZone: 'Mars/Olympus' }, { language: 'de' }, { name: '' }, { role: 'admin' }]) {
      expect(await errorCode(await call(mop, 'PATCH', '/api/account', { cookie, body }), 400)).toBe('invalid_request');
    }
  });

  it("a sign-in and /api/me carry the account's language, so a new device shows it (null until chosen)", async () => {
    const { mop } = await stack();
    const signIn = async () =>
      fetch(`${mop.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'mentor@example.org', password: 'mop-demo' })
      });
    const first = v.parse(LoginResponseSchema, await (await signIn()).json());
    expect(first.user.language).toBeNull();
    const cookie = await login(mop.url, 'mentor@example.org');
    await call(mop, 'PATCH', '/api/account', { cookie, body: { language: 'es' } });
    expect(v.parse(LoginResponseSchema, await (await signIn()).json()).user.language).toBe('es');
    const me = v.parse(UserSchema, await (await call(mop, 'GET', '/api/me', { cookie })).json());
    expect(me).toMatchObject({ email: 'mentor@example.org', language: 'es' });
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const { mop } = await stack();
    const here = await login(mop.url, 'mentor@example.org');
    const elsewhere = await login(mop.url, 'mentor@example.org');
    const wrong = await call(mop, 'POST', '/api/account/password', {
      cookie: here,
      body: { currentPassword: 'guess', newPassword: NEW_PASSWORD }
    });
    expect(await errorCode(wrong, 400)).toBe('wrong_password');
    const right = await call(mop, 'POST', '/api/account/password', {
      cookie: here,
      body: { currentPassword: 'mop-demo', newPassword: NEW_PASSWORD }
    });
    expect(right.status).toBe(204);
    expect((await call(mop, 'GET', '/api/me', { cookie: here })).status).toBe(200);
    expect((await call(mop, 'GET', '/api/me', { cookie: elsewhere })).status).toBe(401);
    expect(await canLogin(mop, 'mentor@example.org', NEW_PASSWORD)).toBe(true);
  });

  it('stops guessing the current password after five wrong ones', async () => {
    const { mop } = await stack();
    const cookie = await login(mop.url, 'mentor@example.org');
    const body = { currentPassword: 'guess', newPassword: NEW_PASSWORD };
    for (let i = 0; i < 5; i++) await call(mop, 'POST', '/api/account/password', { cookie, body });
    expect(await errorCode(await call(mop, 'POST', '/api/account/password', { cookie, body }), 429)).toBe(
      'too_many_attempts'
    );
  });

  it('shares one budget of current-password guesses across the routes that ask for it', async () => {
    const { mop } = await stack();
    const cookie = await login(mop.url, 'mentor@example.org');
    // Three guesses through the password change, two through the e-mail change, then account deletion is refused
    // before it checks anything: a stolen cookie gets five guesses in all, not five per route.
    const passwordBody = { currentPassword: 'guess', newPassword: NEW_PASSWORD };
    for (let i = 0; i < 3; i++) await call(mop, 'POST', '/api/account/password', { cookie, body: passwordBody });
    const emailBody = { newEmail: 'someone@example.net', currentPassword: 'guess' };
    for (let i = 0; i < 2; i++) await call(mop, 'POST', '/api/account/email', { cookie, body: emailBody });
    const deletion = await call(mop, 'POST', '/api/account/delete', {
      cookie,
      body: { password: 'mop-demo', confirmation: 'DELETE' }
    });
    expect(await errorCode(deletion, 429)).toBe('too_many_attempts');
    expect((await call(mop, 'GET', '/api/me', { cookie })).status).toBe(200);
  });

  it('changes the e-mail address through a link sent to the new one, and tells the old one', async () => {
    const { mop, smtp } = await stack();
    const cookie = await login(mop.url, 'mentee@example.org');
    const wrong = await call(mop, 'POST', '/api/account/email', {
      cookie,
      body: { newEmail: 'jonas@example.net', currentPassword: 'nope' }
    });
    expect(await errorCode(wrong, 400)).toBe('wrong_password');
    const taken = await call(mop, 'POST', '/api/account/email', {
      cookie,
      body: { newEmail: 'mentor@example.org', currentPassword: 'mop-demo' }
    });
    expect(await errorCode(taken, 409)).toBe('email_taken');

    const asked = await call(mop, 'POST', '/api/account/email', {
      cookie,
      body: { newEmail: 'Jonas@Example.net', currentPassword: 'mop-demo' }
    });
    expect(asked.status).toBe(202);
    expect(v.parse(AccountSchema, await asked.json())).toMatchObject({
      email: 'mentee@example.org',
      pendingEmail: 'jonas@example.net'
    });
    // Until confirmed, nothing changes.
    expect(await canLogin(mop, 'mentee@example.org', 'mop-demo')).toBe(true);

    const mail = await smtp.waitForMail('jonas@example.net');
    expect(mail.subject).toBe('Confirm your new e-mail address for MOP');
    const token = tokenOf(mail, '/confirm-email');
    const confirmed = await call(mop, 'POST', '/api/auth/confirm-email', { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ email: 'jonas@example.net', changed: true });
    expect(await canLogin(mop, 'jonas@example.net', 'mop-demo')).toBe(true);
    expect(await canLogin(mop, 'mentee@example.org', 'mop-demo')).toBe(false);
    const notice = await smtp.waitForMail('mentee@example.org');
    expect(notice.subject).toBe('Your MOP e-mail address was changed');
    expect(notice.text).toContain('jonas@example.net');

    const again = await call(mop, 'POST', '/api/auth/confirm-email', { body: { token } });
    expect(await errorCode(again, 400)).toBe('invalid_token');
  });

  it('lists the sessions of other devices and signs them all out', async () => {
    const { mop } = await stack();
    const phone = await fetch(`${mop.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Phone browser 1.0' },
      body: JSON.stringify({ email: 'mentor@example.org', password: 'mop-demo' })
    });
    const phoneCookie = (phone.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const laptop = await login(mop.url, 'mentor@example.org');
    const other = await login(mop.url, 'mentee@example.org');
    const list = v.parse(
      AccountSessionListSchema,
      await (await call(mop, 'GET', '/api/account/sessions', { cookie: laptop })).json()
    );
    expect(list.sessions).toHaveLength(2);
    expect(list.sessions.filter((s) => s.current)).toHaveLength(1);
    expect(list.sessions.find((s) => !s.current)?.userAgent).toBe('Phone browser 1.0');
    expect(JSON.stringify(list)).not.toMatch(/token/i);

    const ended = await call(mop, 'POST', '/api/account/sessions/sign-out-others', { cookie: laptop });
    expect(await ended.json()).toEqual({ ended: 1 });
    expect((await call(mop, 'GET', '/api/me', { cookie: phoneCookie })).status).toBe(401);
    expect((await call(mop, 'GET', '/api/me', { cookie: laptop })).status).toBe(200);
    expect((await call(mop, 'GET', '/api/me', { cookie: other })).status).toBe(200);
  });
});

describe('admin password reset', () => {
  it('lets an admin send a reset link, which works for 24 hours', async () => {
    const { mop, smtp } = await stack();
    const admin = await login(mop.url, 'admin@example.org');
    const sent = await call(mop, 'POST', '/api/admin/users/demo-mentee-2/password-reset', { cookie: admin });
    expect(sent.status).toBe(204);
    const mail = await smtp.waitForMail('mentee2@example.org');
    expect(mail.text).toContain('within 24 hours');
    const token = tokenOf(mail, '/reset-password');
    expect(
      (await call(mop, 'POST', '/api/auth/reset-password', { body: { token, password: NEW_PASSWORD } })).status
    ).toBe(204);
    expect(await canLogin(mop, 'mentee2@example.org', NEW_PASSWORD)).toBe(true);
    const unknown = await call(mop, 'POST', '/api/admin/users/nobody/password-reset', { cookie: admin });
    expect(await errorCode(unknown, 404)).toBe('not_found');
    // The admin's action is in the audit log, once (the refused one is not).
    const log = v.parse(
      AuditLogSchema,
      await (await call(mop, 'GET', '/api/admin/audit?targetUserId=demo-mentee-2', { cookie: admin })).json()
    );
    expect(log.entries.filter((entry) => entry.action === 'user.password-reset')).toHaveLength(1);
    expect(log.entries[0]?.targetLabel).toBe('mentee2@example.org');
  });
});

describe('authorisation of every accounts endpoint for every role', () => {
  it('answers each role as designed, and never 500', async () => {
    const { mop, smtp } = await stack();
    const roles = ['admin', 'coordinator', 'mentor', 'mentee'] as const;
    const cookies = Object.fromEntries(
      await Promise.all(roles.map(async (role) => [role, await login(mop.url, `${role}@example.org`)] as const))
    ) as Record<(typeof roles)[number], string>;

    // Signed-in endpoints: every role reaches its own account; anonymous gets 401.
    const own: [string, string, unknown][] = [
      ['GET', '/api/account', undefined],
      ['PATCH', '/api/account', { timeZone: 'Europe/Madrid' }],
      ['POST', '/api/account/password', { currentPassword: 'wrong one', newPassword: NEW_PASSWORD }],
      ['POST', '/api/account/email', { newEmail: 'new@example.net', currentPassword: 'wrong one' }],
      ['DELETE', '/api/account/email', undefined],
      ['GET', '/api/account/sessions', undefined],
      ['POST', '/api/account/sessions/sign-out-others', undefined]
    ];
    for (const [method, path, body] of own) {
      const anonymous = await call(mop, method, path, { body });
      expect([method, path, await errorCode(anonymous, 401)]).toEqual([method, path, 'unauthenticated']);
      for (const role of roles) {
        const response = await call(mop, method, path, { cookie: cookies[role], body });
        // The wrong current password is a 400 for everyone: the route itself was open to the role.
        const expected = body !== undefined && (body as { currentPassword?: string }).currentPassword ? 400 : 200;
        expect([role, method, path, response.status]).toEqual([role, method, path, expected]);
      }
    }
    // The account answered is always the caller's own.
    for (const role of roles) {
      const account = v.parse(
        AccountSchema,
        await (await call(mop, 'GET', '/api/account', { cookie: cookies[role] })).json()
      );
      expect(account.email).toBe(`${role}@example.org`);
    }

    // Public endpoints: the same answer for everyone, signed in or not.
    for (const cookie of [undefined, ...Object.values(cookies)]) {
      const forgot = await call(mop, 'POST', '/api/auth/forgot-password', {
        ...(cookie ? { cookie } : {}),
        body: { email: 'nobody@example.org' }
      });
      expect(forgot.status).toBe(204);
      const bad = await call(mop, 'POST', '/api/auth/reset-password', {
        ...(cookie ? { cookie } : {}),
        body: { token: 'A'.repeat(43), password: NEW_PASSWORD }
      });
      expect(await errorCode(bad, 400)).toBe('invalid_token');
      const confirm = await call(mop, 'POST', '/api/auth/confirm-email', {
        ...(cookie ? { cookie } : {}),
        body: { token: 'A'.repeat(43) }
      });
      expect(await errorCode(confirm, 400)).toBe('invalid_token');
    }

    // The admin's reset link: admins only.
    const path = '/api/admin/users/demo-mentor-1/password-reset';
    expect(await errorCode(await call(mop, 'POST', path), 401)).toBe('unauthenticated');
    for (const role of ['coordinator', 'mentor', 'mentee'] as const)
      expect([role, await errorCode(await call(mop, 'POST', path, { cookie: cookies[role] }), 403)]).toEqual([
        role,
        'forbidden'
      ]);
    expect((await call(mop, 'POST', path, { cookie: cookies.admin })).status).toBe(204);
    await smtp.waitForMail('mentor@example.org');
    await waitFor(() => smtp.received.length === 1, 'one mail');
  });

  it('answers bad bodies with 4xx JSON', async () => {
    const { mop } = await stack();
    const cookie = await login(mop.url, 'mentor@example.org');
    const raw = (path: string, body: string, type = 'application/json') =>
      fetch(`${mop.url}${path}`, { method: 'POST', headers: { 'content-type': type, cookie }, body });
    expect(await errorCode(await raw('/api/auth/forgot-password', '{'), 400)).toBe('invalid_json');
    expect(await errorCode(await raw('/api/auth/forgot-password', 'email=x', 'text/plain'), 415)).toBe(
      'unsupported_media_type'
    );
    expect(await errorCode(await raw('/api/auth/forgot-password', '[]'), 400)).toBe('invalid_request');
    expect(await errorCode(await raw('/api/auth/forgot-password', '{"email":"not-an-address"}'), 400)).toBe(
      'invalid_request'
    );
    expect(await errorCode(await raw('/api/account/email', '{"newEmail":"a@b.co"}'), 400)).toBe('invalid_request');
  });
});
