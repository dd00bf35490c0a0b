import { Hono } from 'hono';
import type Database from 'better-sqlite3';
import type { ModuleContext, ServerModule } from '../module.ts';
import type { MatchingStore } from '../matching/store.ts';
import type { CohortsContext } from './context.ts';
import { CohortsStore } from './store.ts';
import { DEMO_DATA_KEY, setupRoutes } from './setup.ts';
import { programmeAdminRoutes } from './programmes.ts';
import { invitationRoutes, invitationUploadRoutes } from './invitations.ts';
import { joinLinkRoutes } from './join-links.ts';
import { adminRoutes } from './admin.ts';

export { issueSetupLink } from './setup.ts';
export { decideDemo, isLoopbackHost } from './demo-policy.ts';
export { CohortsStore } from './store.ts';

/** The cohorts module, with its shared dependencies exposed for the server's start-up (the setup link). */
export interface CohortsModule extends ServerModule {
  readonly deps: CohortsContext;
}

/** Records that the database holds the demo data (the app shows a banner), and gives the demo an organisation. */
export function markDemoData(db: Database.Database, demoProgrammeId: string): void {
  const store = new CohortsStore(db);
  db.transaction(() => {
    store.setSetting(DEMO_DATA_KEY, '1');
    store.createOrganisation('demo-consortium', 'PeerMent consortium (demo)', new Date());
    db.prepare('UPDATE programmes SET organisation_id = ? WHERE id = ?').run('demo-consortium', demoProgrammeId);
  })();
}

/**
 * Real installs: first-run setup, organisations and programmes, invitations, workshop join links, pending
 * approvals and the audit log.
 */
export function createCohortsModule(
  ctx: ModuleContext,
  extra: {
    matching: MatchingStore;
    installStarterLibrary: () => Promise<void>;
    /** Ends these sessions' live connections (after a deactivation). */
    endSessions: (sessionHashes: string[]) => void;
  }
): CohortsModule {
  const deps: CohortsContext = {
    ctx,
    cohorts: new CohortsStore(ctx.db),
    matching: extra.matching,
    installStarterLibrary: extra.installStarterLibrary,
    endSessions: extra.endSessions
  };
  return {
    name: 'cohorts',
    deps,
    routes() {
      const app = new Hono();
      app.route('/', setupRoutes(deps));
      app.route('/', programmeAdminRoutes(deps));
      app.route('/', invitationRoutes(deps));
      app.route('/', joinLinkRoutes(deps));
      app.route('/', adminRoutes(deps));
      return app;
    },
    uploadRoutes: () => invitationUploadRoutes(deps)
  };
}
