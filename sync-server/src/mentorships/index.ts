import type { ModuleContext, ServerModule } from '../module.ts';
import { SqliteMatchingStore } from '../matching/index.ts';
import { mentorshipRoutes } from './routes.ts';
import { eraseMentorships, exportMentorships } from './user-data.ts';

/** The pairs a person may see, with the "why you were matched" of their own. */
export function createMentorshipsModule(ctx: ModuleContext): ServerModule {
  return {
    name: 'mentorships',
    routes: () => mentorshipRoutes(ctx.store, ctx.auth, new SqliteMatchingStore(ctx.db)),
    exportUserData: (userId) => exportMentorships(ctx, userId),
    eraseUserData: (userId) => eraseMentorships(ctx, userId)
  };
}
