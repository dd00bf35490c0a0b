import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import * as v from 'valibot';
import { LoginRequestSchema, SESSION_COOKIE, describeIssues, type User } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import { apiError } from '../http/errors.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { LoginRateLimiter } from './rate-limit.ts';
import { SESSION_MAX_AGE_SECONDS, hashSessionToken, startSession } from './sessions.ts';

export type AuthEnv = { Variables: { user: User } };

/** Whether the browser reached us over https (directly or through a proxy that says so). */
function isHttps(c: Context): boolean {
  if (c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

/** The peer address of the request, for rate limits; "unknown" when the adapter cannot tell. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The user of the request's session cookie, or null. */
export function sessionUser(c: Context, store: MopStore): User | null {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 200) return null;
  return store.findSessionUser(hashSessionToken(token));
}

/** Starts a session for the user and sets its cookie on the answer (login, setup, accepting an invitation). */
export function signInResponse(c: Context, store: MopStore, userId: string): void {
  const token = startSession(store, userId);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
    secure: isHttps(c)
  });
}

/** Reads a JSON body, turning every way it can be wrong into a 4xx answer. */
async function readJsonBody(c: Context): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type.trim())) {
    return { ok: false, response: apiError(c, 415, 'unsupported_media_type', 'Send the body as application/json') };
  }
  const text = await c.req.text();
  if (text.trim() === '') return { ok: false, response: apiError(c, 400, 'invalid_body', 'The request body is empty') };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: apiError(c, 400, 'invalid_json', 'The request body is not valid JSON') };
  }
}

/** `/api/auth/*` and `/api/me`. `onSessionEnded` is told the hash of each session that logs out. */
export function authRoutes(store: MopStore, onSessionEnded: (sessionHash: string) => void = () => {}): Hono {
  const app = new Hono();
  const limiter = new LoginRateLimiter();

  app.post('/auth/login', async (c) => {
    const read = await readJsonBody(c);
    if (!read.ok) return read.response;
    const parsed = v.safeParse(LoginRequestSchema, read.body);
    if (!parsed.success) return apiError(c, 400, 'invalid_request', describeIssues(parsed.issues));
    const { email, password } = parsed.output;

    const limitKey = `${email}|${clientAddress(c)}`;
    const retryAfter = limiter.retryAfterMs(limitKey);
    if (retryAfter > 0) {
      c.header('Retry-After', String(Math.ceil(retryAfter / 1000)));
      return apiError(c, 429, 'too_many_attempts', 'Too many failed sign-ins. Wait a few minutes and try again.');
    }

    const user = store.findUserByEmail(email);
    const valid = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
    if (!user || !valid) {
      limiter.recordFailure(limitKey);
      return apiError(c, 401, 'invalid_credentials', 'Email or password is incorrect');
    }
    limiter.reset(limitKey);
    if (user.deactivatedAt)
      return apiError(
        c,
        403,
        'account_deactivated',
        'This account has been deactivated. Ask an admin of the platform.'
      );

    signInResponse(c, store, user.id);
    const body: { user: User } = { user: { id: user.id, email: user.email, name: user.name, role: user.role } };
    return c.json(body);
  });

  app.post('/auth/logout', (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const sessionHash = hashSessionToken(token);
      store.deleteSession(sessionHash);
      onSessionEnded(sessionHash);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) });
    return c.json({ ok: true as const });
  });

  app.get('/me', (c) => {
    const user = sessionUser(c, store);
    if (!user) return apiError(c, 401, 'unauthenticated', 'Sign in first');
    return c.json(user);
  });

  return app;
}
