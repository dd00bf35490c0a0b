import { Hono } from 'hono';
import {
  EndMentorshipSchema,
  mentorshipDocName,
  type EndMentorshipResult,
  type MentorshipWithdrawn,
  type OkResponse
} from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import type { ModuleContext } from '../module.ts';
import { coordinates, isMember, pairOr404 } from './access.ts';
import { PairUsage, pairDocs } from '../mentorships/pair-usage.ts';
import { tellMatchWithdrawn, tellOtherMembers } from './notify.ts';
import { endingOf, type ClosingStore } from './store.ts';

/**
 * `POST /mentorships/:id/end` (the mentor, the mentee, the programme's coordinators and admins) and
 * `POST /mentorships/:id/unpublish` (coordinators and admins, for a published pair nobody has opened yet: the members
 * are told by e-mail and the pair's old links say it was withdrawn, `GET /mentorships/:id/withdrawn`).
 */
export function endRoutes(ctx: ModuleContext, closing: ClosingStore): Hono {
  const app = new Hono();
  const usage = new PairUsage(ctx.db);

  app.post(
    '/mentorships/:id/end',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const pair = pairOr404(closing, c.req.param('id') ?? '');
      const member = isMember(pair, user);
      if (!member && !coordinates(ctx, user, pair.programmeId))
        throw new ApiRefusal(403, 'forbidden', "Only the pair's members, its coordinators and admins can end it");
      const { reason, note } = await readBody(c, EndMentorshipSchema);
      if (ctx.store.isProgrammeArchived(pair.programmeId))
        throw new ApiRefusal(409, 'programme_archived', 'This programme is archived and read-only');
      const at = ctx.now().toISOString();
      const ended = ctx.transaction(() => {
        if (!closing.endPair(pair.id, { reason, note, endedBy: user.id, at })) return false;
        ctx.audit.record(user, {
          action: 'mentorship.end',
          programmeId: pair.programmeId,
          targetUserId: pair.mentorId === user.id ? pair.menteeId : pair.mentorId,
          details: { mentorshipId: pair.id, reason, byMember: member }
        });
        tellOtherMembers(ctx, {
          mentorshipId: pair.id,
          programmeId: pair.programmeId,
          reason,
          endedBy: user.id,
          recipients: [pair.mentorId, pair.menteeId].filter((id) => id !== user.id)
        });
        return true;
      });
      if (!ended) throw new ApiRefusal(409, 'mentorship_closed', 'This mentorship has already ended');
      // Open connections come back read-only: the ended pair's document is an archive from now on.
      ctx.docs.reconnect([mentorshipDocName(pair.id)]);
      const body: EndMentorshipResult = {
        mentorshipId: pair.id,
        ending: endingOf(closing.getPair(pair.id)!, (id) => ctx.store.findUserById(id)?.name ?? null, user.id)!
      };
      return c.json(body);
    })
  );

  app.post(
    '/mentorships/:id/unpublish',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const pair = pairOr404(closing, c.req.param('id') ?? '');
      if (!coordinates(ctx, user, pair.programmeId))
        throw new ApiRefusal(403, 'forbidden', "Only the programme's coordinators and admins can unpublish a pair");
      if (ctx.store.isProgrammeArchived(pair.programmeId))
        throw new ApiRefusal(409, 'programme_archived', 'This programme is archived and read-only');
      const refusal = usage.unpublishRefusal(pair.id, pairDocs(ctx));
      if (refusal === 'not_from_matching')
        throw new ApiRefusal(409, 'not_from_matching', 'Only a pair published from a matching run can be unpublished');
      if (refusal === 'pair_in_use')
        throw new ApiRefusal(
          409,
          'pair_in_use',
          'A member has already opened this pair (or it has ended): end the mentorship instead'
        );
      ctx.transaction(() => {
        closing.deletePair(pair.id);
        usage.recordWithdrawn(pair, ctx.now().toISOString());
        ctx.audit.record(user, {
          action: 'mentorship.unpublish',
          programmeId: pair.programmeId,
          details: { mentorshipId: pair.id, mentorId: pair.mentorId, menteeId: pair.menteeId, runId: pair.runId }
        });
        tellMatchWithdrawn(ctx, pair, closing.programme(pair.programmeId)?.name ?? '');
      });
      ctx.docs.drop(mentorshipDocName(pair.id));
      const body: OkResponse = { ok: true };
      return c.json(body);
    })
  );

  app.get(
    '/mentorships/:id/withdrawn',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const body: MentorshipWithdrawn = { withdrawn: usage.wasWithdrawnFor(c.req.param('id') ?? '', user.id) };
      return c.json(body);
    })
  );

  return app;
}
