import { summarisePair } from '@mop/shared';
import type { ModuleContext, ServerModule } from '../module.ts';
import { withMentorshipDoc } from '../workspace/context.ts';
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
      const docs = { store: ctx.store, liveDoc: (docName: string) => ctx.docs.liveDoc(docName) };
      return mentorshipRoutes(
        ctx.store,
        ctx.auth,
        new SqliteMatchingStore(ctx.db),
        (mentorshipId, viewerId) => {
          const pair = closing.getPair(mentorshipId);
          return pair ? endingOf(pair, nameOf, viewerId) : undefined;
        },
        (mentorship, viewerId) =>
          withMentorshipDoc(docs, mentorship.id, (doc) =>
            summarisePair(doc, { mentorId: mentorship.mentor.id, menteeId: mentorship.mentee.id }, viewerId, ctx.now())
          )
      );
    },
    exportUserData: (userId) => exportMentorships(ctx, userId),
    eraseUserData: (userId) => eraseMentorships(ctx, userId)
  };
}
