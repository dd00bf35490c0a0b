import type { ModuleContext, ServerModule } from '../module.ts';
import { matchingRoutes } from './routes.ts';
import { matchRequestRoutes } from './requests.ts';
import { SqliteMatchingStore } from './sqlite-matching-store.ts';
import type { MatchingContext } from './runs.ts';
import { eraseMatching, exportMatching } from './user-data.ts';
import { peopleNotices } from '../notifications/index.ts';

export { SqliteMatchingStore } from './sqlite-matching-store.ts';
export type { MatchingStore } from './store.ts';

/** Programmes, matching settings and runs (coordinators), and self-matching requests (mentees and mentors). */
export function createMatchingModule(ctx: ModuleContext): ServerModule {
  const matching: MatchingContext = {
    store: ctx.store,
    auth: ctx.auth,
    matching: new SqliteMatchingStore(ctx.db),
    liveDoc: (docName) => ctx.docs.liveDoc(docName),
    access: ctx.access,
    notices: peopleNotices(ctx),
    // Read when an action happens: the cohorts module provides the audit log and may come later in the list.
    audit: { record: (actor, entry) => ctx.audit.record(actor, entry) }
  };
  return {
    name: 'matching',
    routes() {
      const app = matchingRoutes(matching);
      app.route('/', matchRequestRoutes(matching));
      return app;
    },
    exportUserData: (userId) => exportMatching(ctx, userId),
    eraseUserData: (userId) => eraseMatching(ctx, userId)
  };
}
