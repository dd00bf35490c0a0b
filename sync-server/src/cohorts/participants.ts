import { Hono, type Context } from 'hono';
import {
  mentorshipDocName,
  profileDocName,
  ParticipantChangeSchema,
  ParticipantRemoveSchema,
  type ParticipantChangeResult,
  type User
} from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import { audit, coordinatedProgramme, type CohortsContext } from './context.ts';

type Programme = ReturnType<typeof coordinatedProgramme>;

/**
 * The coordinator's participants page: remove a mentor or mentee from the programme, change their role, or move
 * them to another programme the same coordinator runs. Coordinators act only on their own programmes, never on an
 * archived one, and every action is audited.
 *
 * A person in an active pair is refused (`participant_has_pair`, naming the partner) unless the request says
 * `endPairs: true`: then their pairs are ended first (the mentorship is closed; its notes and messages stay, readable
 * by the two members). Silently keeping a pair whose mentor has left the programme, or whose mentee became a mentor,
 * would leave a workspace no coordinator can see or fix; silently deleting it would lose the pair's notes.
 */
export function participantRoutes(deps: CohortsContext): Hono {
  const { ctx, cohorts } = deps;
  const app = new Hono();

  /** The participant of `:userId` in the programme (mentor or mentee), or 404. */
  const participant = (c: Context, programme: Programme) => {
    const userId = c.req.param('userId') ?? '';
    const roles = cohorts.participantRoles(programme.id, userId);
    const person = ctx.store.findUserById(userId);
    if (!person || roles.length === 0)
      throw new ApiRefusal(404, 'not_found', `No mentor or mentee "${userId}" in this programme`);
    return { person, roles };
  };

  /** Reopens the live connections of the person's profile and of the pairs that ended (their access changed). */
  const reconnect = (userId: string, endedPairIds: string[]) =>
    ctx.docs.reconnect([profileDocName(userId), ...endedPairIds.map(mentorshipDocName)]);

  /** Ends the person's active pairs when asked, else refuses naming them. Returns the ended pairs' ids. */
  const endPairsIfAsked = (
    actor: User,
    programme: Programme,
    person: { id: string; name: string; email: string },
    endPairs: boolean | undefined
  ): string[] => {
    const pairs = cohorts.activePairs(programme.id, person.id);
    if (pairs.length === 0) return [];
    if (!endPairs)
      throw new ApiRefusal(
        409,
        'participant_has_pair',
        `${person.name} is in a pair with ${pairs.map((p) => p.partnerName).join(', ')}: end the pair first`
      );
    for (const pair of pairs) {
      cohorts.endPair(pair.id, actor.id, ctx.now());
      audit(deps, actor, {
        action: 'mentorship.end',
        programmeId: programme.id,
        organisationId: programme.organisationId,
        targetUserId: person.id,
        targetLabel: person.email,
        details: { mentorshipId: pair.id, partner: pair.partnerName }
      });
    }
    return pairs.map((pair) => pair.id);
  };

  app.post(
    '/programmes/:id/participants/:userId/remove',
    guarded(async (c) => {
      const actor = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, actor, { writable: true });
      const { endPairs } = await readBody(c, ParticipantRemoveSchema, true);
      const { person, roles } = participant(c, programme);
      const ended = ctx.transaction(() => {
        const ended = endPairsIfAsked(actor, programme, person, endPairs);
        cohorts.removeParticipant(programme.id, person.id);
        audit(deps, actor, {
          action: 'member.remove',
          programmeId: programme.id,
          organisationId: programme.organisationId,
          targetUserId: person.id,
          targetLabel: person.email,
          details: { roles, endedPairs: ended.length }
        });
        return ended;
      });
      reconnect(person.id, ended);
      const body: ParticipantChangeResult = {
        userId: person.id,
        programmeId: null,
        role: null,
        endedPairs: ended.length
      };
      return c.json(body);
    })
  );

  app.patch(
    '/programmes/:id/participants/:userId',
    guarded(async (c) => {
      const actor = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, actor, { writable: true });
      const change = await readBody(c, ParticipantChangeSchema);
      const { person, roles } = participant(c, programme);

      if (change.role) {
        const role = change.role;
        if (roles.length === 1 && roles[0] === role) {
          const body: ParticipantChangeResult = { userId: person.id, programmeId: programme.id, role, endedPairs: 0 };
          return c.json(body);
        }
        const ended = ctx.transaction(() => {
          const ended = endPairsIfAsked(actor, programme, person, change.endPairs);
          cohorts.removeParticipant(programme.id, person.id);
          ctx.store.addProgrammeMember(programme.id, person.id, role);
          cohorts.followParticipantRole(person.id, role);
          audit(deps, actor, {
            action: 'member.role',
            programmeId: programme.id,
            organisationId: programme.organisationId,
            targetUserId: person.id,
            targetLabel: person.email,
            details: { from: roles, to: role, endedPairs: ended.length }
          });
          return ended;
        });
        reconnect(person.id, ended);
        const body: ParticipantChangeResult = {
          userId: person.id,
          programmeId: programme.id,
          role,
          endedPairs: ended.length
        };
        return c.json(body);
      }

      // A move: the target must be another programme this caller runs, open, and not already the person's.
      const targetId = change.moveToProgrammeId ?? '';
      if (targetId === programme.id)
        throw new ApiRefusal(400, 'invalid_request', 'moveToProgrammeId: the person is in this programme already');
      const target = cohorts.getProgramme(targetId);
      if (!target) throw new ApiRefusal(404, 'not_found', `No programme "${targetId}"`);
      const coordinatesTarget = ctx.store
        .listProgrammeRoles(actor.id)
        .some((row) => row.programmeId === target.id && row.role === 'coordinator');
      if (actor.role !== 'admin' && !coordinatesTarget)
        throw new ApiRefusal(403, 'forbidden', 'You can move people only to programmes you coordinate');
      if (target.archivedAt)
        throw new ApiRefusal(409, 'programme_archived', `"${target.name}" is archived and read-only`);
      if (cohorts.isMember(target.id, person.id))
        throw new ApiRefusal(409, 'already_member', `${person.name} is a member of "${target.name}" already`);
      const role = roles[0] ?? 'mentee';
      const ended = ctx.transaction(() => {
        const ended = endPairsIfAsked(actor, programme, person, change.endPairs);
        cohorts.removeParticipant(programme.id, person.id);
        for (const held of roles) ctx.store.addProgrammeMember(target.id, person.id, held);
        audit(deps, actor, {
          action: 'member.move',
          programmeId: programme.id,
          organisationId: programme.organisationId,
          targetUserId: person.id,
          targetLabel: person.email,
          details: { to: target.id, toName: target.name, roles, endedPairs: ended.length }
        });
        return ended;
      });
      reconnect(person.id, ended);
      const body: ParticipantChangeResult = {
        userId: person.id,
        programmeId: target.id,
        role,
        endedPairs: ended.length
      };
      return c.json(body);
    })
  );

  return app;
}
