import { Hono } from 'hono';
import { AdminUserUpdateSchema, type AdminUser, type AdminUserList, type AuditLog } from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import { audit, type CohortsContext } from './context.ts';

const MAX_LIST = 200;

/** The admin console: users (search, filter, deactivate, platform role) and the audit log. */
export function adminRoutes(deps: CohortsContext): Hono {
  const { ctx, cohorts } = deps;
  const app = new Hono();

  app.get(
    '/admin/users',
    guarded((c) => {
      const admin = ctx.auth.requireAdmin(c);
      const result = cohorts.searchUsers({
        query: (c.req.query('q') ?? '').trim().slice(0, 200),
        role: c.req.query('role') || undefined,
        organisationId: c.req.query('organisationId') || undefined,
        programmeId: c.req.query('programmeId') || undefined,
        limit: MAX_LIST
      });
      const users: AdminUser[] = result.users;
      ctx.access.record(admin, { subjectUserIds: users.map((u) => u.id), what: 'user-list' });
      return c.json({ users, total: result.total } satisfies AdminUserList);
    })
  );

  const target = (userId: string) => {
    const user = ctx.store.findUserById(userId);
    if (!user) throw new ApiRefusal(404, 'not_found', `No user "${userId}"`);
    return user;
  };

  for (const [path, deactivate] of [
    ['deactivate', true],
    ['reactivate', false]
  ] as const) {
    app.post(
      `/admin/users/:userId/${path}`,
      guarded((c) => {
        const admin = ctx.auth.requireAdmin(c);
        const user = target(c.req.param('userId') ?? '');
        if (deactivate && user.id === admin.id)
          throw new ApiRefusal(409, 'cannot_deactivate_self', 'You cannot deactivate your own account');
        const ended = ctx.transaction(() => {
          let hashes: string[] = [];
          if (deactivate) hashes = cohorts.deactivateUser(user.id, ctx.now());
          else cohorts.reactivateUser(user.id);
          audit(deps, admin, { action: `user.${path}`, targetUserId: user.id, targetLabel: user.email });
          return hashes;
        });
        // The sessions are gone; their open sockets close now rather than at the next request.
        deps.endSessions(ended);
        return c.json(cohorts.adminUser(user.id));
      })
    );
  }

  app.patch(
    '/admin/users/:userId',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      const user = target(c.req.param('userId') ?? '');
      const { role } = await readBody(c, AdminUserUpdateSchema);
      if (user.id === admin.id && role !== 'admin')
        throw new ApiRefusal(409, 'cannot_demote_self', 'You cannot take the admin role from yourself');
      ctx.transaction(() => {
        cohorts.setPlatformRole(user.id, role);
        audit(deps, admin, {
          action: 'user.role',
          targetUserId: user.id,
          targetLabel: user.email,
          details: { from: user.role, to: role }
        });
      });
      return c.json(cohorts.adminUser(user.id));
    })
  );

  app.get(
    '/admin/audit',
    guarded((c) => {
      ctx.auth.requireAdmin(c);
      const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 200) || 200, 1), 1000);
      const entries = cohorts.listAudit({
        actorId: c.req.query('actorId') || undefined,
        targetUserId: c.req.query('targetUserId') || undefined,
        programmeId: c.req.query('programmeId') || undefined,
        action: c.req.query('action') || undefined,
        limit
      });
      return c.json({ entries } satisfies AuditLog);
    })
  );

  return app;
}
