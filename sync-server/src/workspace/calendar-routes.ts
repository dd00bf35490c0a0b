import { createHash, randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getSession, listSessions, type CalendarTokenResponse, type CalendarTokenStatus, apiPaths } from '@mop/shared';
import { guarded, requirePairMember, ApiRefusal } from './http.ts';
import { withMentorshipDoc, type WorkspaceContext } from './context.ts';
import { buildCalendar, type CalendarSession } from './ics.ts';

/** How far back the feed keeps sessions (upcoming ones are all in). */
const FEED_PAST_DAYS = 90;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function icsResponse(c: Context, body: string, fileName: string): Response {
  c.header('Content-Type', 'text/calendar; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${fileName}"`);
  c.header('Cache-Control', 'private, no-store');
  return c.body(body);
}

/**
 * Calendar export: one session's `.ics` for its pair, and each user's private feed URL, authorised by a secret
 * token in the path (calendar apps cannot send cookies). The token is stored hashed; creating a new one replaces
 * the old, and deleting it makes the old URL answer 404.
 */
export function calendarRoutes(ctx: WorkspaceContext): Hono {
  const app = new Hono();

  app.get(
    '/mentorships/:id/sessions/:sessionId/ics',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const mentorship = requirePairMember(c, ctx.store, user);
      const pair = { mentorId: mentorship.mentorId, menteeId: mentorship.menteeId };
      const sessionId = c.req.param('sessionId') ?? '';
      const session = withMentorshipDoc(ctx, mentorship.id, (doc) => getSession(doc, pair, sessionId));
      if (!session) throw new ApiRefusal(404, 'not_found', `No session "${sessionId}"`);
      if (!session.accepted) throw new ApiRefusal(409, 'not_scheduled', 'The session has no accepted time yet');
      const otherId = user.id === pair.mentorId ? pair.menteeId : pair.mentorId;
      const withName = ctx.store.findUserById(otherId)?.name ?? 'your mentoring partner';
      const calendar = buildCalendar('Mentoring session', [{ session, mentorshipId: mentorship.id, withName }]);
      return icsResponse(c, calendar.toString(), `session-${session.id}.ics`);
    })
  );

  app.get(
    '/calendar/token',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const createdAt = ctx.workspace.calendarTokenCreatedAt(user.id);
      const body: CalendarTokenStatus = { active: createdAt !== null, createdAt };
      return c.json(body);
    })
  );

  app.post(
    '/calendar/token',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const token = randomBytes(32).toString('base64url');
      const now = new Date();
      ctx.workspace.setCalendarToken(user.id, hashToken(token), now);
      const feedUrl = `${new URL(c.req.url).origin}${apiPaths.calendarFeed(token)}`;
      const body: CalendarTokenResponse = {
        feedUrl,
        webcalUrl: feedUrl.replace(/^https?:/, 'webcal:'),
        createdAt: now.toISOString()
      };
      c.header('Cache-Control', 'no-store');
      return c.json(body, 201);
    })
  );

  app.delete(
    '/calendar/token',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      ctx.workspace.deleteCalendarToken(user.id);
      return c.body(null, 204);
    })
  );

  app.get(
    '/calendar/feed/:file',
    guarded((c) => {
      const file = c.req.param('file') ?? '';
      const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
      const userId = TOKEN_PATTERN.test(token) ? ctx.workspace.findCalendarTokenUser(hashToken(token)) : null;
      const user = userId ? ctx.store.findUserById(userId) : null;
      if (!user) throw new ApiRefusal(404, 'not_found', 'No such calendar feed');
      const now = new Date();
      const since = now.getTime() - FEED_PAST_DAYS * 86_400_000;
      const entries: CalendarSession[] = [];
      const ownPairs = ctx.store
        .listVisibleMentorships(user)
        .filter((m) => m.mentor.id === user.id || m.mentee.id === user.id);
      for (const m of ownPairs) {
        const pair = { mentorId: m.mentor.id, menteeId: m.mentee.id };
        const withName = user.id === m.mentor.id ? m.mentee.name : m.mentor.name;
        const sessions = withMentorshipDoc(ctx, m.id, (doc) => listSessions(doc, pair));
        for (const session of sessions) {
          if (session.accepted && Date.parse(session.accepted.end) >= since)
            entries.push({ session, mentorshipId: m.id, withName });
        }
      }
      const body = buildCalendar(`MOP — ${user.name}`, entries, now).toString();
      return icsResponse(c, body, 'mop.ics');
    })
  );

  return app;
}
