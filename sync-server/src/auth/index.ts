import type { ModuleContext, ServerModule } from '../module.ts';
import { accountLanguage } from '../mail/index.ts';
import { authRoutes } from './routes.ts';

export { createAuthAccess, clientAddress, startSessionCookie } from './access.ts';

/** How often expired sessions are deleted while the server runs. */
const SESSION_SWEEP_MS = 60 * 60 * 1000;

/**
 * Sign-in, sign-out, "who am I" and the sweep of expired sessions. The session lookup other modules use is
 * `ctx.auth` (`createAuthAccess`), which the server builds before any module so every factory can rely on it.
 */
export function createAuthModule(ctx: ModuleContext): ServerModule {
  let sweep: NodeJS.Timeout | undefined;
  return {
    name: 'auth',
    routes: () =>
      authRoutes(ctx.store, ctx.auth, {
        onSessionEnded: (hash) => ctx.docs.endSession(hash),
        now: () => ctx.now(),
        languageOf: (userId) => accountLanguage(ctx.db, userId)
      }),
    prepare() {
      ctx.store.deleteExpiredSessions(ctx.now());
    },
    start() {
      sweep = setInterval(() => {
        try {
          ctx.store.deleteExpiredSessions(ctx.now());
        } catch (error) {
          ctx.logger.error('could not delete expired sessions', error);
        }
      }, SESSION_SWEEP_MS);
      sweep.unref();
    },
    close() {
      clearInterval(sweep);
    }
  };
}
