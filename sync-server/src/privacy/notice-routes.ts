import { Hono } from 'hono';
import {
  PrivacyAcknowledgementSchema,
  PrivacySettingsUpdateSchema,
  ProgrammeRetentionSchema,
  type PrivacyNotice,
  type PrivacySettings
} from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import type { ModuleContext } from '../module.ts';
import type { PrivacySettingsStore } from './settings.ts';

/**
 * The privacy notice and imprint (public: the sign-up pages show them), their editing and the retention settings
 * (admins, audited), and the acknowledgement a person gives of the notice's version at sign-up.
 */
export function noticeRoutes(ctx: ModuleContext, settings: PrivacySettingsStore): Hono {
  const app = new Hono();

  app.get('/privacy', (c) => {
    const body: PrivacyNotice = settings.notice();
    return c.json(body);
  });

  app.get(
    '/admin/privacy',
    guarded((c) => {
      ctx.auth.requireAdmin(c);
      const body: PrivacySettings = settings.settings();
      return c.json(body, 200, { 'Cache-Control': 'no-store' });
    })
  );

  app.put(
    '/admin/privacy',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      const change = await readBody(c, PrivacySettingsUpdateSchema);
      ctx.transaction(() => {
        const before = settings.settings();
        const noticeChanged = settings.update(change);
        ctx.audit.record(admin, {
          action: 'privacy.settings',
          details: {
            noticeChanged,
            imprintChanged: change.imprint !== before.imprint,
            retentionDays: { from: before.retentionDays, to: change.retentionDays }
          }
        });
      });
      const body: PrivacySettings = settings.settings();
      return c.json(body);
    })
  );

  app.put(
    '/admin/programmes/:id/retention',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      const { retentionDays } = await readBody(c, ProgrammeRetentionSchema);
      const programmeId = c.req.param('id') ?? '';
      ctx.transaction(() => {
        if (!settings.setProgrammeRetention(programmeId, retentionDays))
          throw new ApiRefusal(404, 'not_found', `No programme "${programmeId}"`);
        ctx.audit.record(admin, { action: 'programme.retention', programmeId, details: { retentionDays } });
      });
      const body: PrivacySettings = settings.settings();
      return c.json(body);
    })
  );

  app.post(
    '/account/privacy-acknowledgement',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const { version } = await readBody(c, PrivacyAcknowledgementSchema);
      if (version > settings.notice().noticeVersion)
        throw new ApiRefusal(400, 'unknown_notice_version', 'There is no such version of the privacy notice');
      settings.acknowledge(user.id, version, ctx.now());
      return c.body(null, 204);
    })
  );

  return app;
}
