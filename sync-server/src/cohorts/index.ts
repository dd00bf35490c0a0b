import { Hono } from 'hono';
import { loadLibrary } from '@mop/content';
import type { ModuleContext, ServerModule } from '../module.ts';
import { SqliteMatchingStore } from '../matching/index.ts';
import { openResourceLibrary } from '../resources/index.ts';
import { seedStarterLibrary } from '../resources/seed.ts';
import { SqliteModuleStore } from '../modules/index.ts';
import { seedStarterModules } from '../modules/seed.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import { audit, type CohortsContext } from './context.ts';
import { CohortsStore } from './store.ts';
import { DEMO_DATA_KEY, issueSetupLink, setupRoutes } from './setup.ts';
import { programmeAdminRoutes } from './programmes.ts';
import { invitationRoutes, invitationUploadRoutes } from './invitations.ts';
import { joinLinkRoutes } from './join-links.ts';
import { adminRoutes } from './admin.ts';
import { participantRoutes } from './participants.ts';
import { eraseCohorts, exportCohorts } from './user-data.ts';

/** The cohorts module; `setupUrl` is the one-time first-run link issued at start when no admin exists. */
export interface CohortsModule extends ServerModule {
  readonly name: 'cohorts';
  readonly setupUrl: string | null;
}

/** Tells the cohorts module among the server's modules. */
export function isCohortsModule(module: ServerModule): module is CohortsModule {
  return module.name === 'cohorts';
}

/**
 * Real installs: first-run setup, organisations and programmes, invitations, workshop join links, pending
 * approvals, the admin console and the audit log.
 */
export function createCohortsModule(ctx: ModuleContext): CohortsModule {
  const cohorts = new CohortsStore(ctx.db);
  const deps: CohortsContext = {
    ctx,
    cohorts,
    matching: new SqliteMatchingStore(ctx.db),
    async installStarterLibrary() {
      const library = openResourceLibrary(ctx.db, ctx.dataDir);
      await seedStarterLibrary(library.store, library.blobs);
      seedStarterModules(new SqliteModuleStore(ctx.db), library.store, () => loadLibrary().modules);
    },
    endSessions: (hashes) => hashes.forEach((hash) => ctx.docs.endSession(hash))
  };
  let setupUrl: string | null = null;
  return {
    name: 'cohorts',
    // Other modules (accounts: an admin's "send a reset link") record their admin actions in the same log.
    provides: { audit: { record: (actor, entry) => audit(deps, actor, entry) } },
    exportUserData: (userId) => exportCohorts(ctx, userId),
    eraseUserData: (userId) => eraseCohorts(ctx, userId),
    get setupUrl() {
      return setupUrl;
    },
    prepare() {
      // The demo seeded this database (its programme exists and nothing marked it yet): say so, and give the demo
      // programme an organisation like any other.
      if (!ctx.demo || cohorts.getSetting(DEMO_DATA_KEY) !== null || !cohorts.getProgramme(DEMO_PROGRAMME_ID)) return;
      ctx.transaction(() => {
        cohorts.setSetting(DEMO_DATA_KEY, '1');
        cohorts.createOrganisation('demo-consortium', 'PeerMent consortium (demo)', ctx.now());
        ctx.db
          .prepare('UPDATE programmes SET organisation_id = ? WHERE id = ? AND organisation_id IS NULL')
          .run('demo-consortium', DEMO_PROGRAMME_ID);
      });
    },
    start() {
      // After listening: the link is built on the public URL, which defaults to the address just bound.
      setupUrl = issueSetupLink(deps);
    },
    routes() {
      const app = new Hono();
      app.route('/', setupRoutes(deps));
      app.route('/', programmeAdminRoutes(deps));
      app.route('/', invitationRoutes(deps));
      app.route('/', joinLinkRoutes(deps));
      app.route('/', adminRoutes(deps));
      app.route('/', participantRoutes(deps));
      return app;
    },
    uploadRoutes: () => invitationUploadRoutes(deps)
  };
}
