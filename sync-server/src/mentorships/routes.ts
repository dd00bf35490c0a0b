import { Hono } from 'hono';
import type { MentorshipList } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import { apiError } from '../http/errors.ts';
import { sessionUser } from '../auth/routes.ts';

/** `/api/mentorships`: metadata of the pairs a user may see (documents stay restricted to the pair). */
export function mentorshipRoutes(store: MopStore): Hono {
  const app = new Hono();
  app.get('/mentorships', (c) => {
    const user = sessionUser(c, store);
    if (!user) return apiError(c, 401, 'unauthenticated', 'Sign in first');
    const body: MentorshipList = { mentorships: store.listVisibleMentorships(user) };
    return c.json(body);
  });
  return app;
}
