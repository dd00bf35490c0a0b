import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import {
  MatchRequestCreateSchema,
  type AcceptMatchRequestResponse,
  type AvailableMentorList,
  type MatchRequest,
  type MatchRequestList,
  type Mentorship,
  type User
} from '@mop/shared';
import { buildEngineCohort, exclusionReason, loadProgrammeCohort, type ProgrammeCohort } from './cohort.ts';
import { ApiRefusal } from '../http/refusal.ts';
import { guarded, programmeFor, readBody } from './http.ts';
import { runEngine, toMatchExplanation, type MatchingContext } from './runs.ts';
import { programmeSettings } from './settings.ts';
import type { StoredMatchRequest } from './store.ts';
import { withMatchExplanations } from './explanations.ts';
import { programmeMentorRoutes, publicMentorProfile } from './mentors.ts';

const REASONS: Record<string, string> = {
  'already-matched': 'already has a mentor in this programme',
  'profile-incomplete': 'has not completed their matching profile',
  'no-free-capacity': 'has no free place left'
};

/**
 * The mentee-facing side of matching under `/api`. Self-matching, for programmes whose settings allow it: mentees
 * browse mentors with free capacity and send a request; the mentor accepts (creating the mentorship, if they still
 * have room) or declines. And, in every programme, the list of mentors a mentee may rank (`mentors.ts`).
 */
export function matchRequestRoutes(ctx: MatchingContext): Hono {
  const { store, matching } = ctx;
  const app = new Hono();
  app.route('/', programmeMentorRoutes(ctx));

  const toWire = (r: StoredMatchRequest): MatchRequest => ({
    id: r.id,
    programmeId: r.programmeId,
    programmeName: matching.getProgramme(r.programmeId)?.name ?? r.programmeId,
    mentee: { id: r.menteeId, name: store.findUserById(r.menteeId)?.name ?? r.menteeId },
    mentor: { id: r.mentorId, name: store.findUserById(r.mentorId)?.name ?? r.mentorId },
    message: r.message,
    status: r.status,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    mentorshipId: r.mentorshipId
  });

  /** Why this mentee–mentor pair cannot be made now, or null. */
  const refusalFor = (cohort: ProgrammeCohort, menteeId: string, mentorId: string): string | null => {
    const mentee = cohort.people.get(`mentee:${menteeId}`);
    const mentor = cohort.people.get(`mentor:${mentorId}`);
    if (!mentee || !mentor) return 'This mentee or mentor is no longer in the programme';
    const menteeReason = exclusionReason(mentee);
    if (menteeReason) return `The mentee ${REASONS[menteeReason] ?? menteeReason}`;
    const mentorReason = exclusionReason(mentor);
    if (mentorReason) return `The mentor ${REASONS[mentorReason] ?? mentorReason}`;
    return null;
  };

  app.get(
    '/programmes/:id/mentors/available',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const { programme, roles, canCoordinate } = programmeFor(c, store, matching, user);
      if (!roles.includes('mentee') && !canCoordinate)
        throw new ApiRefusal(403, 'forbidden', 'Only mentees of this programme can browse its mentors');
      if (!programmeSettings(matching, programme.id).selfMatching)
        throw new ApiRefusal(403, 'self_matching_off', 'This programme does not offer self-matching');
      const cohort = loadProgrammeCohort(store, matching, ctx.liveDoc, programme.id);
      const pending = new Set(
        matching
          .listMatchRequests(user.id)
          .filter((r) => r.status === 'pending' && r.menteeId === user.id)
          .map((r) => r.mentorId)
      );
      const mentors = cohort.mentors
        .filter((person) => exclusionReason(person) === null)
        .map((person) => ({ ...publicMentorProfile(person), requested: pending.has(person.participant.userId) }));
      // A mentee with an active mentor here may not ask for another: say so, so the app offers no request button.
      const matched = (cohort.people.get(`mentee:${user.id}`)?.participant.activeMentorships ?? 0) > 0;
      const body: AvailableMentorList = { programmeId: programme.id, mentors, matched };
      return c.json(body);
    })
  );

  app.post(
    '/programmes/:id/match-requests',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const { programme, roles } = programmeFor(c, store, matching, user);
      if (!roles.includes('mentee'))
        throw new ApiRefusal(403, 'forbidden', 'Only mentees of this programme can request a mentor');
      if (!programmeSettings(matching, programme.id).selfMatching)
        throw new ApiRefusal(403, 'self_matching_off', 'This programme does not offer self-matching');
      const { mentorId, message } = await readBody(c, MatchRequestCreateSchema);
      const cohort = loadProgrammeCohort(store, matching, ctx.liveDoc, programme.id);
      if (!cohort.people.has(`mentor:${mentorId}`))
        throw new ApiRefusal(404, 'not_found', `mentorId: "${mentorId}" is not a mentor of this programme`);
      const refusal = refusalFor(cohort, user.id, mentorId);
      if (refusal) throw new ApiRefusal(409, 'not_matchable', refusal);
      if (
        matching
          .listMatchRequests(user.id)
          .some((r) => r.status === 'pending' && r.menteeId === user.id && r.mentorId === mentorId)
      ) {
        throw new ApiRefusal(409, 'already_requested', 'You have already asked this mentor; wait for their answer');
      }
      const request: StoredMatchRequest = {
        id: randomUUID(),
        programmeId: programme.id,
        menteeId: user.id,
        mentorId,
        message,
        status: 'pending',
        createdAt: new Date().toISOString(),
        decidedAt: null,
        mentorshipId: null
      };
      matching.createMatchRequest(request);
      ctx.notices.requestReceived(request);
      return c.json(toWire(request), 201);
    })
  );

  app.get(
    '/match-requests',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const body: MatchRequestList = { requests: matching.listMatchRequests(user.id).map(toWire) };
      return c.json(body);
    })
  );

  /** The request of `:id` for its mentor; 404 unknown, 403 for anyone else, 409 once answered. */
  const pendingForMentor = (id: string, user: User): StoredMatchRequest => {
    const request = matching.getMatchRequest(id);
    if (!request) throw new ApiRefusal(404, 'not_found', `No match request "${id}"`);
    if (request.mentorId !== user.id)
      throw new ApiRefusal(403, 'forbidden', 'Only the requested mentor can answer a request');
    if (request.status !== 'pending')
      throw new ApiRefusal(409, 'already_answered', `This request was already ${request.status}`);
    return request;
  };

  app.post(
    '/match-requests/:id/decline',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const request = pendingForMentor(c.req.param('id') ?? '', user);
      if (!matching.declineMatchRequest(request.id, new Date().toISOString()))
        throw new ApiRefusal(409, 'already_answered', 'This request was already answered');
      ctx.notices.requestAnswered(request, null);
      const updated = matching.getMatchRequest(request.id);
      return c.json(toWire(updated ?? request));
    })
  );

  app.post(
    '/match-requests/:id/accept',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const request = pendingForMentor(c.req.param('id') ?? '', user);
      const settings = programmeSettings(matching, request.programmeId);
      const cohort = loadProgrammeCohort(store, matching, ctx.liveDoc, request.programmeId);
      const refusal = refusalFor(cohort, request.menteeId, request.mentorId);
      if (refusal) throw new ApiRefusal(409, 'not_matchable', refusal);
      // The explanation is the engine's, for this one pair placed as a locked pair (so it is scored even if it
      // breaks a rule: the mentor decided).
      const { input } = buildEngineCohort(cohort, settings, {
        locks: [[request.menteeId, request.mentorId]],
        forbids: [],
        maximizeMatched: false,
        onlyIds: new Set([request.menteeId, request.mentorId])
      });
      const pair = runEngine(input, 'greedy', false).pairs.find((p) => p.locked);
      if (!pair) throw new ApiRefusal(409, 'not_matchable', 'This pair cannot be placed');
      const decidedAt = new Date().toISOString();
      const mentorship = {
        id: randomUUID(),
        mentorId: request.mentorId,
        menteeId: request.menteeId,
        explanation: toMatchExplanation(pair, 'self-matching', decidedAt)
      };
      // Capacity and the mentee's other requests are checked again inside the transaction that creates the pair.
      const outcome = matching.acceptMatchRequest(request.id, mentorship, decidedAt, () =>
        refusalFor(
          loadProgrammeCohort(store, matching, ctx.liveDoc, request.programmeId),
          request.menteeId,
          request.mentorId
        )
      );
      if (!outcome.ok) throw new ApiRefusal(409, 'not_matchable', outcome.reason);
      ctx.notices.requestAnswered(request, mentorship.id);
      const accepted = matching.getMatchRequest(request.id);
      const created: Mentorship[] = withMatchExplanations(
        matching,
        user,
        store.listVisibleMentorships(user).filter((m) => m.id === mentorship.id)
      );
      const body: AcceptMatchRequestResponse = { request: toWire(accepted ?? request), mentorship: created[0] ?? null };
      return c.json(body);
    })
  );

  return app;
}
