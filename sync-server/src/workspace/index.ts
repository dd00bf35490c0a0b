import path from 'node:path';
import { Hono } from 'hono';
import type { ModuleContext, ServerModule } from '../module.ts';
import { BlobStore } from '../resources/index.ts';
import type { WorkspaceContext } from './context.ts';
import { PairUsage, pairDocs } from '../mentorships/pair-usage.ts';
import { SqliteWorkspaceStore } from './sqlite-workspace-store.ts';
import { progressRoutes } from './progress-routes.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { pairFileRoutes, pairFileUploadRoutes } from './pair-files.ts';
import { communityRoutes } from './community-routes.ts';
import { eraseWorkspace, exportWorkspace } from './user-data.ts';
import { deletionRoutes } from './deletion-routes.ts';
import { peopleNotices } from '../notifications/index.ts';

/**
 * The mentoring workspace's REST routes under `/api` (inside the 64 KiB body limit): coordinators' progress view,
 * calendar export and feed, pair file downloads and programme discussions. Uploads: `pairFileUploadRoutes`.
 */
function workspaceRoutes(ctx: WorkspaceContext, module: ModuleContext): Hono {
  const app = new Hono();
  app.route('/', deletionRoutes(module, ctx.pairBlobs));
  app.route('/', progressRoutes(ctx));
  app.route('/', calendarRoutes(ctx));
  app.route('/', pairFileRoutes(ctx));
  app.route('/', communityRoutes(ctx));
  return app;
}

/** The mentoring workspace: progress, calendar, pair files and programme discussions. */
export function createWorkspaceModule(ctx: ModuleContext): ServerModule {
  const usage = new PairUsage(ctx.db);
  const workspace: WorkspaceContext = {
    store: ctx.store,
    auth: ctx.auth,
    workspace: new SqliteWorkspaceStore(ctx.db),
    // Files uploaded to pairs have a blob store of their own: the repository's deletes blobs it no longer references.
    pairBlobs: new BlobStore(path.join(ctx.dataDir, 'pair-files')),
    liveDoc: (docName) => ctx.docs.liveDoc(docName),
    notices: peopleNotices(ctx),
    unpublishable: (mentorshipId) => usage.unpublishRefusal(mentorshipId, pairDocs(ctx)) === null
  };
  return {
    name: 'workspace',
    routes: () => workspaceRoutes(workspace, ctx),
    uploadRoutes: () => pairFileUploadRoutes(workspace),
    exportUserData: (userId) => exportWorkspace(ctx, workspace.pairBlobs, userId),
    eraseUserData: (userId) => eraseWorkspace(ctx, workspace.pairBlobs, userId)
  };
}
