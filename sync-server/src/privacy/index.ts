import type { ModuleContext, ServerModule } from '../module.ts';
import { jsonFile } from '../storage/read-doc.ts';
import { AccessLogStore } from './access-log.ts';
import { privacyRoutes } from './routes.ts';

/**
 * Personal data rights (docs/privacy.md): the data archive and account erasure that ask every module for its part
 * (`ctx.personalData`), and the access log of coordinators' and admins' reads of personal data.
 */
export function createPrivacyModule(ctx: ModuleContext): ServerModule {
  const accessLog = new AccessLogStore(ctx.db);
  return {
    name: 'privacy',
    routes: () => privacyRoutes(ctx, accessLog),
    exportUserData: (userId) => [
      jsonFile('access-log.json', accessLog.about(userId)),
      jsonFile(
        'acknowledgements.json',
        ctx.db
          .prepare('SELECT notice_version AS version, at FROM privacy_acknowledgements WHERE user_id = ? ORDER BY at')
          .all(userId)
      )
    ],
    eraseUserData: (userId) => accessLog.erase(userId)
  };
}
