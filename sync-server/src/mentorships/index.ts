import type { ModuleContext, ServerModule } from '../module.ts';
import { SqliteMatchingStore } from '../matching/index.ts';
import { ClosingStore, endingOf } from '../closing/index.ts';
import { mentorshipRoutes } from './routes.ts';
import { eraseMentorships, exportMentorships } from './user-data.ts';

/** The pairs a person may see, with the "why you were matched" of their own. */
export function createMentorshipsModule(ctx: ModuleContext): ServerModule {
  return {
    name: 'mentorships',
    routes: () => {
      const closing = new ClosingStore(ctx.db);
      const nameOf = (id: string) => ctx.store.findUserById(id)?.name ?? null;
      return mentorshipRoutes(ctx.store, ctx.auth, new SqliteMatchingStore(ctx.db), (mentorshipId, viewerId) => {
        const pair = closing.getPair(mentorshipId);
        return pair ? endingOf(pair, nameOf, viewerId) : undefined;
      });
    },
    exportUserData: (userId) => exportMentorships(ctx, userId),
    eraseUserData: (userId) => eraseMentorships(ctx, userId)
  };
}
