import { Hono } from 'hono';
import type { Mentorship, MentorshipEnding, MentorshipList, PairSummary } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import type { AuthAccess } from '../module.ts';
import { guarded } from '../http/refusal.ts';
import type { MatchingStore } from '../matching/store.ts';
import { withMatchExplanations } from '../matching/explanations.ts';

/**
 * `/api/mentorships`: metadata of the pairs a user may see (documents stay restricted to the pair). With a
 * matching store, the caller's own pairs carry their "why you were matched" (`match`); with `endingOf`, ended pairs
 * carry how they ended (`ending`), which the app shows in the archive and as a notification; with `summaryOf`, the
 * caller's own pairs carry their summary (`summary`: next session, unread count, progress, latest notes, news), so
 * that the app's home and notification count need not load the pairs' documents. Other people's pairs (a
 * coordinator's programme) never carry one: it reads the pair's private document.
 */
export function mentorshipRoutes(
  store: MopStore,
  auth: AuthAccess,
  matching?: MatchingStore,
  endingOf?: (mentorshipId: string, viewerId: string) => MentorshipEnding | undefined,
  summaryOf?: (mentorship: Mentorship, viewerId: string) => PairSummary
): Hono {
  const app = new Hono();
  app.get(
    '/mentorships',
    guarded((c) => {
      const user = auth.requireUser(c);
      const visible = store.listVisibleMentorships(user);
      const explained = matching ? withMatchExplanations(matching, user, visible) : visible;
      const mentorships = explained.map((mentorship) => {
        const ending = mentorship.status === 'closed' ? endingOf?.(mentorship.id, user.id) : undefined;
        const own = mentorship.mentor.id === user.id || mentorship.mentee.id === user.id;
        const summary = own ? summaryOf?.(mentorship, user.id) : undefined;
        return { ...mentorship, ...(ending ? { ending } : {}), ...(summary ? { summary } : {}) };
      });
      const body: MentorshipList = { mentorships };
      return c.json(body);
    })
  );
  return app;
}
