import { createHash, randomBytes } from 'node:crypto';
import { SESSION_COOKIE, type User } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';

/** A session's whole lifetime, however often it is used; an unused one ends sooner (the store's idle limit). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Sessions are stored by the SHA-256 of their token, so a leaked database does not hand out live sessions. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Creates a session for a user and returns the token to put in the cookie. */
export function startSession(store: MopStore, userId: string, userAgent?: string | null, now = new Date()): string {
  const token = randomBytes(32).toString('base64url');
  store.createSession(
    hashSessionToken(token),
    userId,
    new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    userAgent,
    now
  );
  return token;
}

/** Reads one cookie from a raw `Cookie` header (used at the WebSocket upgrade, where Hono is not involved). */
function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/** The user and session behind a raw `Cookie` header, or null when there is no valid session. */
export function sessionFromCookieHeader(
  store: MopStore,
  header: string | undefined
): { user: User; sessionHash: string } | null {
  const token = readCookie(header, SESSION_COOKIE);
  if (!token || token.length > 200) return null;
  const sessionHash = hashSessionToken(token);
  const user = store.findSessionUser(sessionHash);
  return user ? { user, sessionHash } : null;
}
