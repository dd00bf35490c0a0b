import { Hono } from 'hono';
import type { ModuleContext, ServerModule } from '../module.ts';
import { SqliteMatchingStore } from '../matching/index.ts';
import { endRoutes } from './end-routes.ts';
import { feedbackRoutes } from './feedback-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { ClosingStore } from './store.ts';
import { eraseClosing, exportClosing } from './user-data.ts';

export { ClosingStore, endingOf } from './store.ts';

/**
 * The end of a mentorship and of a programme (issue 14): ending a pair with a reason, unpublishing an unused pair,
 * closing feedback, the coordinator's dashboard and the funder export.
 */
export function createClosingModule(ctx: ModuleContext): ServerModule {
  const closing = new ClosingStore(ctx.db);
  return {
    name: 'closing',
    routes() {
      const app = new Hono();
      app.route('/', endRoutes(ctx, closing));
      app.route('/', feedbackRoutes(ctx, closing));
      app.route('/', reportRoutes(ctx, closing, new SqliteMatchingStore(ctx.db)));
      return app;
    },
    exportUserData: (userId) => exportClosing(closing, userId),
    eraseUserData: (userId) => eraseClosing(ctx, closing, userId)
  };
}
