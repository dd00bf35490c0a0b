import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { SESSION_COOKIE, type User } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import { consumeOrRefuse } from '../http/rate-limit.ts';
import { ApiRefusal } from '../http/refusal.ts';
import { requestClient } from '../http/transport.ts';
import type { AuthAccess } from '../module.ts';
import { SESSION_MAX_AGE_SECONDS, hashSessionToken, startSession } from './sessions.ts';
import { verifyPassword } from './passwords.ts';

/** Whether the browser reached us over https (directly, or through a trusted proxy that says so: MOP_TRUST_PROXY). */
export function isHttps(c: Context): boolean {
  return requestClient(c).https;
}

/** The client address of the request, for rate limits (behind a trusted proxy, from X-Forwarded-For). */
export function clientAddress(c: Context): string {
  return requestClient(c).address;
}

/**
 * The session lookup every module gets as `ctx.auth`: the user of the request's session cookie. Lives here, in the
 * auth domain, so that `http/` and the other domains never read cookies or sessions themselves.
 */
export function createAuthAccess(store: MopStore, now: () => Date = () => new Date()): AuthAccess {
  const currentUser = (c: Context): User | null => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token || token.length > 200) return null;
    return store.findSessionUser(hashSessionToken(token), now());
  };
  // One budget of current-password guesses per account for every route that asks for it (password and e-mail
  // change, account deletion), so a stolen session cookie does not get a password oracle per route.
  const passwordChecks = new RateLimiterMemory({ points: 5, duration: 15 * 60 });
  const requireUser = (c: Context): User => {
    const user = currentUser(c);
    if (!user) throw new ApiRefusal(401, 'unauthenticated', 'Sign in first');
    return user;
  };
  return {
    currentUser,
    requireUser,
    requireAdmin(c) {
      const user = requireUser(c);
      if (user.role !== 'admin') throw new ApiRefusal(403, 'forbidden', 'Only admins can do this');
      return user;
    },
    async confirmPassword(c, user, password) {
      await consumeOrRefuse(
        c,
        passwordChecks,
        user.id,
        'too_many_attempts',
        'Too many wrong passwords. Wait a few minutes and try again.'
      );
      const stored = store.findUserById(user.id);
      if (!stored || !(await verifyPassword(password, stored.passwordHash)))
        throw new ApiRefusal(400, 'wrong_password', 'The current password is not correct');
      await passwordChecks.delete(user.id);
    }
  };
}

/** Starts a session for the user and sets its cookie on the answer (sign-in, setup, accepting an invitation). */
export function startSessionCookie(c: Context, store: MopStore, userId: string, now = new Date()): void {
  const token = startSession(store, userId, c.req.header('user-agent'), now);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
    secure: isHttps(c)
  });
}
