import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { AccountDeletionSchema, AdminUserErasureSchema, SESSION_COOKIE, type AccessLog, type User } from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import type { ModuleContext } from '../module.ts';
import type { AccessLogStore } from './access-log.ts';
import { archiveReadme, buildArchive } from './archive.ts';

/**
 * "Download my data", "Delete my account", their admin counterparts on behalf of a user (audited), and the access
 * log (the person's own reads, all reads for admins).
 */
export function privacyRoutes(ctx: ModuleContext, accessLog: AccessLogStore): Hono {
  const app = new Hono();

  async function archiveResponse(c: Context, userId: string): Promise<Response> {
    const person = ctx.store.findUserById(userId);
    if (!person) throw new ApiRefusal(404, 'not_found', 'No such user');
    const at = ctx.now();
    const parts = (await ctx.personalData.exportAll(userId)).filter((part) => part.files.length > 0);
    const zip = buildArchive(archiveReadme(person, at, parts, `${ctx.publicUrl}/privacy`), parts, at);
    const name = `mop-data-${at.toISOString().slice(0, 10)}.zip`;
    return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store'
    });
  }

  function refuseLastAdmin(target: User): void {
    if (target.role !== 'admin') return;
    const admins = ctx.db
      .prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND erased_at IS NULL AND deactivated_at IS NULL")
      .pluck()
      .get() as number;
    if (admins <= 1)
      throw new ApiRefusal(409, 'last_admin', 'This is the only admin account: make someone else admin first');
  }

  app.get(
    '/account/export',
    guarded((c) => archiveResponse(c, ctx.auth.requireUser(c).id))
  );

  app.post(
    '/account/delete',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const { password } = await readBody(c, AccountDeletionSchema);
      await ctx.auth.confirmPassword(c, user, password);
      refuseLastAdmin(user);
      await ctx.personalData.eraseAll(user.id);
      // The log keeps that an account was erased, not whose: the person asked to be forgotten.
      ctx.audit.record(null, { action: 'user.erase', targetUserId: user.id, details: { by: 'self' } });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
  );

  app.get(
    '/account/access-log',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const body: AccessLog = { entries: accessLog.about(user.id) };
      return c.json(body, 200, { 'Cache-Control': 'no-store' });
    })
  );

  app.get(
    '/admin/access-log',
    guarded((c) => {
      ctx.auth.requireAdmin(c);
      const body: AccessLog = { entries: accessLog.all() };
      return c.json(body, 200, { 'Cache-Control': 'no-store' });
    })
  );

  app.get(
    '/admin/users/:userId/export',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      const target = ctx.store.findUserById(c.req.param('userId') ?? '');
      if (!target) throw new ApiRefusal(404, 'not_found', 'No such user');
      const response = await archiveResponse(c, target.id);
      ctx.transaction(() => {
        ctx.audit.record(admin, { action: 'user.export', targetUserId: target.id, targetLabel: target.email });
        accessLog.record(admin, { subjectUserIds: [target.id], what: 'export' }, ctx.now());
      });
      return response;
    })
  );

  app.post(
    '/admin/users/:userId/erase',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      const target = ctx.store.findUserById(c.req.param('userId') ?? '');
      if (!target) throw new ApiRefusal(404, 'not_found', 'No such user');
      const { confirmEmail } = await readBody(c, AdminUserErasureSchema);
      if (target.id === admin.id)
        throw new ApiRefusal(409, 'erase_own_account', 'Delete your own account from your account settings');
      const erased = ctx.db.prepare('SELECT erased_at FROM users WHERE id = ?').pluck().get(target.id);
      if (erased) throw new ApiRefusal(409, 'already_erased', 'This account was already erased');
      if (confirmEmail !== target.email.toLowerCase())
        throw new ApiRefusal(400, 'confirmation_mismatch', "Type the user's e-mail address to confirm");
      refuseLastAdmin(target);
      await ctx.personalData.eraseAll(target.id);
      ctx.audit.record(admin, { action: 'user.erase', targetUserId: target.id, details: { by: 'admin' } });
      return c.body(null, 204);
    })
  );

  return app;
}
