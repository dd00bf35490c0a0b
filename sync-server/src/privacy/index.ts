import path from 'node:path';
import { Hono } from 'hono';
import type { ModuleContext, ServerModule } from '../module.ts';
import { BlobStore } from '../resources/index.ts';
import { jsonFile } from '../storage/read-doc.ts';
import { AccessLogStore } from './access-log.ts';
import { privacyRoutes } from './routes.ts';
import { noticeRoutes } from './notice-routes.ts';
import { PrivacySettingsStore } from './settings.ts';
import { sweepExpiredData, type SweepReport } from './retention.ts';

/** How often the retention job runs (it also runs once at start). */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** The privacy module; `sweep` runs the retention job now (tests, the admin CLI). */
export interface PrivacyModule extends ServerModule {
  readonly name: 'privacy';
  sweep(): SweepReport;
}

/** Tells the privacy module among the server's modules. */
export function isPrivacyModule(module: ServerModule): module is PrivacyModule {
  return module.name === 'privacy';
}

/**
 * Personal data rights (docs/privacy.md): the data archive and account erasure that ask every module for its part
 * (`ctx.personalData`), the access log of coordinators' and admins' reads, the privacy notice and imprint, and the
 * retention job that erases what has expired.
 */
export function createPrivacyModule(ctx: ModuleContext): PrivacyModule {
  const accessLog = new AccessLogStore(ctx.db);
  const settings = new PrivacySettingsStore(ctx.db);
  // The workspace's own blob folder for pair files (see workspace/index.ts).
  const pairBlobs = new BlobStore(path.join(ctx.dataDir, 'pair-files'));
  let timer: NodeJS.Timeout | undefined;
  const sweep = (): SweepReport => sweepExpiredData(ctx, settings, pairBlobs);
  const sweepLogged = () => {
    try {
      const report = sweep();
      const total = report.purgedDocs + report.erasedProgrammes.length + report.erasedPairs.length;
      if (total > 0) ctx.logger.info(`privacy: retention job erased expired data (${JSON.stringify(report)})`);
    } catch (error) {
      ctx.logger.error('privacy: the retention job failed; it runs again within the hour', error);
    }
  };
  return {
    name: 'privacy',
    sweep,
    provides: { access: { record: (actor, read) => accessLog.record(actor, read, ctx.now()) } },
    routes() {
      const app = new Hono();
      app.route('/', privacyRoutes(ctx, accessLog));
      app.route('/', noticeRoutes(ctx, settings));
      return app;
    },
    start() {
      sweepLogged();
      timer = setInterval(sweepLogged, SWEEP_INTERVAL_MS);
      timer.unref();
    },
    close() {
      clearInterval(timer);
    },
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
