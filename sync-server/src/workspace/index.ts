import { Hono } from 'hono';
import type { WorkspaceContext } from './context.ts';
import { progressRoutes } from './progress-routes.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { pairFileRoutes } from './pair-files.ts';
import { communityRoutes } from './community-routes.ts';

export type { WorkspaceContext } from './context.ts';
export type { WorkspaceStore } from './store.ts';
export { SqliteWorkspaceStore } from './sqlite-workspace-store.ts';
export { pairFileUploadRoutes } from './pair-files.ts';

/**
 * The mentoring workspace's REST routes under `/api` (inside the 64 KiB body limit): coordinators' progress view,
 * calendar export and feed, pair file downloads and programme discussions. Uploads: `pairFileUploadRoutes`.
 */
export function workspaceRoutes(ctx: WorkspaceContext): Hono {
  const app = new Hono();
  app.route('/', progressRoutes(ctx));
  app.route('/', calendarRoutes(ctx));
  app.route('/', pairFileRoutes(ctx));
  app.route('/', communityRoutes(ctx));
  return app;
}
