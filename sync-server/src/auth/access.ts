import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { SESSION_COOKIE, type User } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import { ApiRefusal } from '../http/refusal.ts';
import type { AuthAccess } from '../module.ts';
import { SESSION_MAX_AGE_SECONDS, hashSessionToken, startSession } from './sessions.ts';

/** Whether the browser reached us over https (directly or through a proxy that says so). */
export function isHttps(c: Context): boolean {
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

/**
 * The session lookup every module gets as `ctx.auth`: the user of the request's session cookie. Lives here, in the
 * auth domain, so that `http/` and the other domains never read cookies or sessions themselves.
 */
export function createAuthAccess(store: MopStore): AuthAccess {
  const currentUser = (c: Context): User | null => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token || token.length > 200) return null;
    return store.findSessionUser(hashSessionToken(token));
  };
  return {
    currentUser,
    requireUser(c) {
      const user = currentUser(c);
      if (!user) throw new ApiRefusal(401, 'unauthenticated', 'Sign in first');
      return user;
    }
  };
}

/** Starts a session for the user and sets its cookie on the answer (sign-in, setup, accepting an invitation). */
export function startSessionCookie(c: Context, store: MopStore, userId: string): void {
  const token = startSession(store, userId, c.req.header('user-agent'));
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
    secure: isHttps(c)
  });
}
