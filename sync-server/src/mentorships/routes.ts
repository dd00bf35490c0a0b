import { Hono } from 'hono';
import type { MentorshipList } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import type { AuthAccess } from '../module.ts';
import { guarded } from '../http/refusal.ts';
import type { MatchingStore } from '../matching/store.ts';
import { withMatchExplanations } from '../matching/explanations.ts';

/**
 * `/api/mentorships`: metadata of the pairs a user may see (documents stay restricted to the pair). With a
 * matching store, the caller's own pairs carry their "why you were matched" (`match`).
 */
export function mentorshipRoutes(store: MopStore, auth: AuthAccess, matching?: MatchingStore): Hono {
  const app = new Hono();
  app.get(
    '/mentorships',
    guarded((c) => {
      const user = auth.requireUser(c);
      const visible = store.listVisibleMentorships(user);
      const body: MentorshipList = { mentorships: matching ? withMatchExplanations(matching, user, visible) : visible };
      return c.json(body);
    })
  );
  return app;
}
