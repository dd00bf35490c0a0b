import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import {
  PlatformRenameSchema,
  SetupRequestSchema,
  type PlatformInfo,
  type SignedIn,
  type SetupLinkStatus
} from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import { hashPassword } from '../auth/passwords.ts';
import { startSessionCookie } from '../auth/index.ts';
import { audit, type CohortsContext } from './context.ts';
import { hashLinkToken, newLinkToken } from './tokens.ts';
import { LinkTokenSchema } from '@mop/shared';
import * as v from 'valibot';

/** How long the printed setup link works. A restart with still no admin prints a new one. */
const SETUP_LINK_HOURS = 24;
const PLATFORM_NAME_KEY = 'platform_name';
export const DEMO_DATA_KEY = 'demo_data';
const DEFAULT_PLATFORM_NAME = 'MOP';

/**
 * On a start with no admin (a real install), creates the one-time setup link; earlier unused links stop working.
 * Returns the link to print, or null when an admin exists.
 */
export function issueSetupLink(deps: CohortsContext): string | null {
  if (deps.cohorts.hasActiveAdmin()) return null;
  const { token, hash } = newLinkToken();
  const now = deps.ctx.now();
  deps.cohorts.replaceSetupToken(hash, now, new Date(now.getTime() + SETUP_LINK_HOURS * 3600_000));
  return `${deps.ctx.publicUrl}/setup#${token}`;
}

/** Checks a setup token: a 404 for an unknown one, 410 for a used or expired one. */
function checkSetupToken(deps: CohortsContext, token: string): { hash: string; expiresAt: string } {
  const hash = hashLinkToken(token);
  const found = deps.cohorts.findSetupToken(hash);
  if (!found)
    throw new ApiRefusal(404, 'setup_link_unknown', 'This setup link is not valid. Restart the server for a new one.');
  if (found.usedAt || deps.cohorts.hasActiveAdmin())
    throw new ApiRefusal(410, 'setup_link_used', 'This setup link has been used already. Sign in instead.');
  if (found.expiresAt <= deps.ctx.now().toISOString())
    throw new ApiRefusal(410, 'setup_link_expired', 'This setup link has expired. Restart the server for a new one.');
  return { hash, expiresAt: found.expiresAt };
}

/** `GET /api/platform`, `PUT /api/admin/platform` (rename), `GET /api/setup/:token`, `POST /api/setup`. */
export function setupRoutes(deps: CohortsContext): Hono {
  const { ctx, cohorts } = deps;
  const app = new Hono();

  const info = (): PlatformInfo => ({
    name: cohorts.getSetting(PLATFORM_NAME_KEY) ?? DEFAULT_PLATFORM_NAME,
    demo: cohorts.getSetting(DEMO_DATA_KEY) === '1',
    setupRequired: !cohorts.hasActiveAdmin()
  });

  app.get('/platform', (c) => c.json(info()));

  app.put(
    '/admin/platform',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      const { name } = await readBody(c, PlatformRenameSchema);
      ctx.transaction(() => {
        const before = info().name;
        cohorts.setSetting(PLATFORM_NAME_KEY, name);
        audit(deps, admin, { action: 'platform.rename', details: { from: before, to: name } });
      });
      return c.json(info());
    })
  );

  app.get(
    '/setup/:token',
    guarded((c) => {
      const parsed = v.safeParse(LinkTokenSchema, c.req.param('token'));
      if (!parsed.success) throw new ApiRefusal(404, 'setup_link_unknown', 'This setup link is not valid.');
      const { expiresAt } = checkSetupToken(deps, parsed.output);
      return c.json({ valid: true as const, expiresAt } satisfies SetupLinkStatus);
    })
  );

  app.post(
    '/setup',
    guarded(async (c) => {
      const request = await readBody(c, SetupRequestSchema);
      const { hash } = checkSetupToken(deps, request.token);
      const passwordHash = await hashPassword(request.password);
      const userId = randomUUID();
      const user = ctx.transaction(() => {
        // Checked again inside the transaction: two tabs submitting at once get one admin.
        if (!cohorts.useSetupToken(hash, ctx.now()) || cohorts.hasActiveAdmin())
          throw new ApiRefusal(410, 'setup_link_used', 'This setup link has been used already. Sign in instead.');
        if (ctx.store.findUserByEmail(request.email))
          throw new ApiRefusal(409, 'email_taken', 'An account with this e-mail exists already. Sign in instead.');
        const created = ctx.store.createUser({
          id: userId,
          email: request.email,
          name: request.name,
          role: 'admin',
          passwordHash
        });
        cohorts.setSetting(PLATFORM_NAME_KEY, request.platformName);
        const organisationId = randomUUID();
        cohorts.createOrganisation(organisationId, request.organisationName, ctx.now());
        const actor = { id: created.id, email: created.email, name: created.name, role: created.role };
        audit(deps, actor, {
          action: 'platform.setup',
          targetUserId: created.id,
          targetLabel: created.email,
          organisationId,
          details: { starterLibrary: request.starterLibrary }
        });
        return actor;
      });
      if (request.starterLibrary) {
        try {
          await deps.installStarterLibrary();
        } catch (error) {
          // The admin exists: the library can be installed later from the library page.
          ctx.logger.error('setup: could not install the starter library', error);
        }
      }
      startSessionCookie(c, ctx.store, user.id);
      const body: SignedIn = { user };
      return c.json(body, 201);
    })
  );

  return app;
}
