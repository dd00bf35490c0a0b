import { Hono } from 'hono';
import {
  MatchingRunRequestSchema,
  MatchingSettingsUpdateSchema,
  PublishRunRequestSchema,
  type MatchingRun,
  type MatchingRunList,
  type MatchingSettings,
  type ParticipantList,
  type ProgrammeList,
  type ProgrammeSummary,
  type PublishRunResponse
} from '@mop/shared';
import type { ProgrammeRole } from '../storage/index.ts';
import { loadProgrammeCohort } from './cohort.ts';
import { ApiRefusal } from '../http/refusal.ts';
import { coordinatedProgramme, guarded, readBody } from './http.ts';
import { createMatchingRun, publishMatchingRun, type MatchingContext } from './runs.ts';
import { programmeSettings, updateProgrammeSettings } from './settings.ts';
import { withMatchExplanations } from './explanations.ts';

const ROLE_ORDER: readonly ProgrammeSummary['role'][] = ['admin', 'coordinator', 'mentor', 'mentee'];

/**
 * The coordinator's side of matching under `/api`: programmes, participants with profile completion, settings,
 * runs and publishing. Everything but `GET /programmes` is for the programme's coordinators and admins.
 */
export function matchingRoutes(ctx: MatchingContext): Hono {
  const { store, matching } = ctx;
  const app = new Hono();

  app.get(
    '/programmes',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const roles = new Map<string, ProgrammeRole[]>();
      for (const row of store.listProgrammeRoles(user.id))
        roles.set(row.programmeId, [...(roles.get(row.programmeId) ?? []), row.role]);
      const programmes = matching
        .listProgrammes()
        .filter((p) => user.role === 'admin' || roles.has(p.id))
        .map((p): ProgrammeSummary => {
          const mine = roles.get(p.id) ?? [];
          const all: ProgrammeSummary['role'][] = user.role === 'admin' ? ['admin', ...mine] : mine;
          return {
            id: p.id,
            name: p.name,
            description: p.description,
            role: ROLE_ORDER.find((r) => all.includes(r)) ?? 'mentee',
            roles: mine,
            selfMatching: programmeSettings(matching, p.id).selfMatching
          };
        });
      const body: ProgrammeList = { programmes };
      return c.json(body);
    })
  );

  app.get(
    '/programmes/:id/participants',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const { programme } = coordinatedProgramme(c, store, matching, user);
      const cohort = loadProgrammeCohort(store, matching, ctx.liveDoc, programme.id);
      const body: ParticipantList = {
        programmeId: programme.id,
        participants: [...cohort.mentors, ...cohort.mentees].map((p) => p.participant)
      };
      ctx.access.record(user, {
        subjectUserIds: body.participants.map((p) => p.userId),
        programmeId: programme.id,
        what: 'participants'
      });
      return c.json(body);
    })
  );

  app.get(
    '/programmes/:id/matching/settings',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const { programme } = coordinatedProgramme(c, store, matching, user);
      const body: MatchingSettings = programmeSettings(matching, programme.id);
      return c.json(body);
    })
  );

  app.put(
    '/programmes/:id/matching/settings',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const { programme } = coordinatedProgramme(c, store, matching, user);
      const update = await readBody(c, MatchingSettingsUpdateSchema);
      const body: MatchingSettings = updateProgrammeSettings(matching, programme.id, update);
      return c.json(body);
    })
  );

  app.post(
    '/programmes/:id/matching/runs',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const { programme } = coordinatedProgramme(c, store, matching, user);
      const request = await readBody(c, MatchingRunRequestSchema, true);
      const body: MatchingRun = createMatchingRun(ctx, programme.id, user, request);
      return c.json(body, 201);
    })
  );

  app.get(
    '/programmes/:id/matching/runs',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const { programme } = coordinatedProgramme(c, store, matching, user);
      const runs = matching.listRuns(programme.id).map(({ id, status, mode, createdAt, publishedAt, summary }) => ({
        id,
        status,
        mode,
        createdAt,
        publishedAt,
        summary: {
          mentees: summary.mentees,
          mentors: summary.mentors,
          matched: summary.matched,
          unmatchedMentees: summary.unmatchedMentees
        }
      }));
      const body: MatchingRunList = { programmeId: programme.id, runs };
      return c.json(body);
    })
  );

  app.get(
    '/programmes/:id/matching/runs/:runId',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const { programme } = coordinatedProgramme(c, store, matching, user);
      const run = matching.getRun(programme.id, c.req.param('runId') ?? '');
      if (!run) throw new ApiRefusal(404, 'not_found', `No matching run "${c.req.param('runId')}" in this programme`);
      return c.json(run);
    })
  );

  app.post(
    '/programmes/:id/matching/runs/:runId/publish',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const { programme } = coordinatedProgramme(c, store, matching, user);
      const request = await readBody(c, PublishRunRequestSchema, true);
      const { run, mentorshipIds } = publishMatchingRun(ctx, programme.id, c.req.param('runId') ?? '', request.pairs);
      ctx.audit.record(user, {
        action: 'matching.publish',
        programmeId: programme.id,
        targetLabel: programme.name,
        details: { runId: run.id, mentorships: mentorshipIds.length }
      });
      const visible = new Map(store.listVisibleMentorships(user).map((m) => [m.id, m]));
      const created = mentorshipIds.flatMap((id) => visible.get(id) ?? []);
      const mentorships = withMatchExplanations(matching, user, created, true);
      const body: PublishRunResponse = { run, mentorships };
      return c.json(body);
    })
  );

  return app;
}
