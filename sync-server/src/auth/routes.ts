import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import {
  LoginRequestSchema,
  SESSION_COOKIE,
  type AccountLanguage,
  type LoginResponse,
  type OkResponse,
  type User
} from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import type { AuthAccess } from '../module.ts';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { LoginThrottle } from './login-throttle.ts';
import { hashSessionToken } from './sessions.ts';
import { clientAddress, isHttps, startSessionCookie } from './access.ts';

/** What the auth routes are told besides the store and the session lookup. */
export interface AuthRouteOptions {
  /** Told the hash of each session that logs out. */
  onSessionEnded?: (sessionHash: string) => void;
  now?: () => Date;
  /** The language a person chose (`accountLanguage`), sent with who they are so every device shows it. */
  languageOf?: (userId: string) => AccountLanguage | null;
}

/** `/api/auth/*` and `/api/me`. */
export function authRoutes(store: MopStore, auth: AuthAccess, options: AuthRouteOptions = {}): Hono {
  const { onSessionEnded = () => {}, now = () => new Date(), languageOf = () => null } = options;
  const app = new Hono();
  const throttle = new LoginThrottle();

  app.post(
    '/auth/login',
    guarded(async (c) => {
      const { email, password } = await readBody(c, LoginRequestSchema);

      const address = clientAddress(c);
      const account = email.trim().toLowerCase();
      const retryAfter = await throttle.retryAfterMs(account, address);
      if (retryAfter > 0) {
        c.header('Retry-After', String(Math.ceil(retryAfter / 1000)));
        throw new ApiRefusal(429, 'too_many_attempts', 'Too many failed sign-ins. Wait a few minutes and try again.');
      }

      const user = store.findUserByEmail(email);
      const valid = user
        ? await verifyPassword(password, user.passwordHash)
        : (await burnPasswordCheck(password), false);
      if (!user || !valid) {
        await throttle.recordFailure(account, address);
        throw new ApiRefusal(401, 'invalid_credentials', 'Email or password is incorrect');
      }
      await throttle.recordSuccess(account, address);
      // A hash made at an older (lower) cost is replaced now, while the password is known: no one has to reset it.
      if (needsRehash(user.passwordHash))
        store.replacePasswordHash(user.id, user.passwordHash, await hashPassword(password));
      if (user.deactivatedAt)
        throw new ApiRefusal(
          403,
          'account_deactivated',
          'This account has been deactivated. Ask an admin of the platform.'
        );

      startSessionCookie(c, store, user.id, now());
      const body: LoginResponse = {
        user: { id: user.id, email: user.email, name: user.name, role: user.role, language: languageOf(user.id) }
      };
      return c.json(body);
    })
  );

  app.post('/auth/logout', (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const sessionHash = hashSessionToken(token);
      store.deleteSession(sessionHash);
      onSessionEnded(sessionHash);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) });
    const body: OkResponse = { ok: true };
    return c.json(body);
  });

  app.get(
    '/me',
    guarded((c) => {
      const user = auth.requireUser(c);
      const body: User = { ...user, language: languageOf(user.id) };
      return c.json(body);
    })
  );

  return app;
}
