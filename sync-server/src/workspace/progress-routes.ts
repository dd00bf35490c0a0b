import { Hono } from 'hono';
import { summariseProgress, type ProgrammeProgress } from '@mop/shared';
import { guarded, ApiRefusal } from './http.ts';
import { withMentorshipDoc, type WorkspaceContext } from './context.ts';

/**
 * `GET /api/programmes/:id/progress`: each pair's progress summary for the programme's coordinators and admins.
 * The server opens the pairs' documents itself (coordinators cannot open them) and sends only what
 * `summariseProgress` computes: phase, step ids, counts and times. Notes, reflections, goal titles and messages
 * never leave the server; members' names are the only text.
 */
export function progressRoutes(ctx: WorkspaceContext): Hono {
  const app = new Hono();
  app.get(
    '/programmes/:id/progress',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const programmeId = c.req.param('id') ?? '';
      if (!ctx.workspace.programmeExists(programmeId))
        throw new ApiRefusal(404, 'not_found', `No programme "${programmeId}"`);
      const coordinates = ctx.store
        .listProgrammeRoles(user.id)
        .some((row) => row.programmeId === programmeId && row.role === 'coordinator');
      if (!coordinates && user.role !== 'admin') {
        throw new ApiRefusal(
          403,
          'forbidden',
          "Only this programme's coordinators and admins can see its pairs' progress"
        );
      }
      const now = new Date();
      const pairs = ctx.store.listVisibleMentorships(user).filter((m) => m.programmeId === programmeId);
      const body: ProgrammeProgress = {
        programmeId,
        pairs: pairs.map((m) => ({
          mentorshipId: m.id,
          status: m.status,
          unpublishable: m.status === 'active' && ctx.unpublishable(m.id),
          mentor: { id: m.mentor.id, name: m.mentor.name },
          mentee: { id: m.mentee.id, name: m.mentee.name },
          progress: withMentorshipDoc(ctx, m.id, (doc) =>
            summariseProgress(doc, { mentorId: m.mentor.id, menteeId: m.mentee.id }, now)
          )
        }))
      };
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    })
  );
  return app;
}
