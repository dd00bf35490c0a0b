import { Hono } from 'hono';
import type { MentorshipList } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import { apiError } from '../http/errors.ts';
import { sessionUser } from '../auth/routes.ts';
import type { MatchingStore } from '../matching/store.ts';
import { withMatchExplanations } from '../matching/explanations.ts';

/**
 * `/api/mentorships`: metadata of the pairs a user may see (documents stay restricted to the pair). With a
 * matching store, the caller's own pairs carry their "why you were matched" (`match`).
 */
export function mentorshipRoutes(store: MopStore, matching?: MatchingStore): Hono {
  const app = new Hono();
  app.get('/mentorships', (c) => {
    const user = sessionUser(c, store);
    if (!user) return apiError(c, 401, 'unauthenticated', 'Sign in first');
    const visible = store.listVisibleMentorships(user);
    const body: MentorshipList = { mentorships: matching ? withMatchExplanations(matching, user, visible) : visible };
    return c.json(body);
  });
  return app;
}
