import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import {
  JoinLinkCreateSchema,
  JoinRequestSchema,
  LinkTokenSchema,
  type IssuedJoinLink,
  type JoinLink,
  type JoinLinkPreview,
  type Joined,
  type User,
  type JoinLinkList,
  type RevokedJoinLink,
  type PendingMemberList
} from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import { hashPassword } from '../auth/passwords.ts';
import { startSessionCookie } from '../auth/index.ts';
import { audit, coordinatedProgramme, type CohortsContext } from './context.ts';
import type { JoinLinkRecord } from './store.ts';
import { hashLinkToken, newLinkToken } from './tokens.ts';
import { nextStepFor } from './invitations.ts';
import { setAccountLanguage, startProfileWithName } from './profile-name.ts';
import { isEmailConfirmed, sendAddressConfirmation } from '../accounts/confirm-address.ts';
import { joinApprovedMail, personLanguage, platformName, renderMail } from '../mail/index.ts';
import { joinSignUpMail } from '../notifications/templates.ts';

const view = ({ programmeId: _p, tokenHash: _t, ...link }: JoinLinkRecord): JoinLink => link;

/**
 * Workshop join links: a coordinator creates a link (mentor or mentee only, never coordinator) with an expiry and a
 * maximum number of uses, shown as a QR code; people who join through it wait for approval when the programme asks.
 */
export function joinLinkRoutes(deps: CohortsContext): Hono {
  const { ctx, cohorts } = deps;
  const app = new Hono();

  const linkByToken = (raw: string | undefined) => {
    const parsed = v.safeParse(LinkTokenSchema, raw);
    const link = parsed.success ? cohorts.findJoinLinkByToken(hashLinkToken(parsed.output)) : null;
    if (!link) throw new ApiRefusal(404, 'join_link_unknown', 'This join link is not valid.');
    const programme = cohorts.getProgramme(link.programmeId);
    if (link.revokedAt || !programme || programme.archivedAt)
      throw new ApiRefusal(410, 'join_link_revoked', 'This join link has been closed by the coordinator.');
    if (link.expiresAt <= ctx.now().toISOString())
      throw new ApiRefusal(410, 'join_link_expired', 'This join link has expired.');
    if (link.uses >= link.maxUses) throw new ApiRefusal(410, 'join_link_used_up', 'This join link has been used up.');
    return { link, programme };
  };

  app.get(
    '/programmes/:id/join-links',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, user);
      return c.json({ joinLinks: cohorts.listJoinLinks(programme.id).map(view) } satisfies JoinLinkList);
    })
  );

  app.post(
    '/programmes/:id/join-links',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, user, { writable: true });
      const request = await readBody(c, JoinLinkCreateSchema);
      const { token, hash } = newLinkToken();
      const now = ctx.now();
      const record: JoinLinkRecord = {
        id: randomUUID(),
        programmeId: programme.id,
        tokenHash: hash,
        role: request.role,
        expiresAt: new Date(now.getTime() + request.expiresInHours * 3_600_000).toISOString(),
        maxUses: request.maxUses,
        uses: 0,
        createdAt: now.toISOString(),
        revokedAt: null
      };
      ctx.transaction(() => {
        cohorts.createJoinLink(record, user.id);
        audit(deps, user, { action: 'join-link.create', programmeId: programme.id, details: request });
      });
      const body: IssuedJoinLink = { joinLink: view(record), link: `${ctx.publicUrl}/join#${token}` };
      return c.json(body, 201);
    })
  );

  app.post(
    '/programmes/:id/join-links/:linkId/revoke',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, user);
      const link = cohorts.getJoinLink(c.req.param('linkId') ?? '');
      if (!link || link.programmeId !== programme.id) throw new ApiRefusal(404, 'not_found', 'No such join link');
      ctx.transaction(() => {
        cohorts.revokeJoinLink(link.id, ctx.now());
        audit(deps, user, { action: 'join-link.revoke', programmeId: programme.id });
      });
      return c.json({ joinLink: view(cohorts.getJoinLink(link.id) as JoinLinkRecord) } satisfies RevokedJoinLink);
    })
  );

  app.get(
    '/programmes/:id/pending',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, user);
      return c.json({ pending: cohorts.listJoinRequests(programme.id) } satisfies PendingMemberList);
    })
  );

  for (const [path, approve] of [
    ['approve', true],
    ['decline', false]
  ] as const) {
    app.post(
      `/programmes/:id/pending/:userId/${path}`,
      guarded((c) => {
        const user = ctx.auth.requireUser(c);
        const programme = coordinatedProgramme(c, deps, user, { writable: true });
        const userId = c.req.param('userId') ?? '';
        ctx.transaction(() => {
          const pending = cohorts.takeJoinRequest(programme.id, userId);
          if (!pending) throw new ApiRefusal(404, 'not_found', 'Nobody with this id waits for approval here');
          // Approval needs a confirmed address: anyone can type anyone's address at a join link, and approval leads
          // to matching, which gives that address's owner's inbox a stranger's name and mails from the pair.
          if (approve && !pending.emailConfirmed)
            throw new ApiRefusal(
              409,
              'email_unconfirmed',
              `${pending.email} is not confirmed yet: approve once they opened the link mailed to them.`
            );
          if (approve) {
            ctx.store.addProgrammeMember(programme.id, userId, pending.role);
            tellApproved(deps, programme.name, userId);
          }
          audit(deps, user, {
            action: `member.${path}`,
            programmeId: programme.id,
            targetUserId: userId,
            targetLabel: pending.email,
            details: { role: pending.role }
          });
        });
        return c.json({ pending: cohorts.listJoinRequests(programme.id) } satisfies PendingMemberList);
      })
    );
  }

  app.get(
    '/join/:token',
    guarded((c) => {
      const { link, programme } = linkByToken(c.req.param('token'));
      const body: JoinLinkPreview = {
        programmeName: programme.name,
        organisationName: programme.organisationName,
        role: link.role,
        approvalRequired: programme.approvalRequired
      };
      return c.json(body);
    })
  );

  app.post(
    '/join/:token',
    guarded(async (c) => {
      const { link, programme } = linkByToken(c.req.param('token'));
      const request = await readBody(c, JoinRequestSchema, true);
      const current = ctx.auth.currentUser(c);
      const join = (userId: string) => {
        // Counted in the same transaction as the membership: thirty phones at once never exceed the maximum.
        if (!cohorts.useJoinLink(link.id, ctx.now()))
          throw new ApiRefusal(410, 'join_link_used_up', 'This join link has been used up.');
        if (programme.approvalRequired) cohorts.addJoinRequest(programme.id, userId, link.role, link.id, ctx.now());
        else ctx.store.addProgrammeMember(programme.id, userId, link.role);
      };
      let user: User;
      if (current) {
        user = current;
        ctx.transaction(() => {
          join(current.id);
          // An account made by an admin (or before this check) may never have confirmed its address.
          if (programme.approvalRequired && !isEmailConfirmed(ctx, current.id))
            sendAddressConfirmation(ctx, current, programme.name);
        });
      } else {
        if (!request.name || !request.email || !request.password)
          throw new ApiRefusal(400, 'invalid_request', 'name, email and password are required to create your account');
        if (ctx.store.findUserByEmail(request.email))
          throw new ApiRefusal(
            409,
            'sign_in_required',
            `${request.email} has an account: sign in first, then open the link again.`
          );
        const passwordHash = await hashPassword(request.password);
        const { name, email } = request;
        user = ctx.transaction(() => {
          if (ctx.store.findUserByEmail(email))
            throw new ApiRefusal(409, 'sign_in_required', `${email} has an account: sign in first.`);
          const id = randomUUID();
          const created = ctx.store.createUser({ id, email, name, role: link.role, passwordHash });
          setAccountLanguage(ctx, id, request.language ?? null);
          join(id);
          startProfileWithName(ctx, id, name);
          sendAddressConfirmation(ctx, { id, email: created.email, name }, programme.name);
          startSessionCookie(c, ctx.store, id);
          return { id, email: created.email, name: created.name, role: created.role };
        });
      }
      tellCoordinators(deps, programme, user, link.role);
      const body: Joined = {
        user,
        programmeId: programme.id,
        pending: programme.approvalRequired,
        next: nextStepFor(link.role, programme.id)
      };
      return c.json(body);
    })
  );

  return app;
}

/** Tells the programme's coordinators that someone joined through a link (and waits for approval, when asked). */
function tellCoordinators(
  deps: CohortsContext,
  programme: { id: string; name: string; approvalRequired: boolean },
  person: User,
  role: 'mentor' | 'mentee'
): void {
  const { ctx } = deps;
  const url = `${ctx.publicUrl}/programmes/${encodeURIComponent(programme.id)}/manage`;
  const coordinators = ctx.db
    .prepare("SELECT user_id AS id FROM programme_members WHERE programme_id = ? AND role = 'coordinator'")
    .all(programme.id) as { id: string }[];
  for (const { id } of coordinators) {
    const coordinator = ctx.store.findUserById(id);
    if (!coordinator || id === person.id) continue;
    ctx.notify.notify({
      userId: id,
      category: 'requests',
      template: joinSignUpMail,
      params: {
        name: coordinator.name,
        personName: person.name,
        role,
        programmeName: programme.name,
        waiting: programme.approvalRequired,
        url
      },
      url
    });
  }
}

/** Tells someone who joined through a link that a coordinator approved them, in their language. */
function tellApproved(deps: CohortsContext, programmeName: string, userId: string): void {
  const { ctx } = deps;
  const person = ctx.store.findUserById(userId);
  if (!person) return;
  const env = { platformName: platformName(ctx), publicUrl: ctx.publicUrl };
  ctx.mail.enqueue(
    renderMail(
      joinApprovedMail,
      { to: person.email, language: personLanguage(ctx.db, userId) },
      { name: person.name, programmeName, url: `${ctx.publicUrl}/profile` },
      env
    )
  );
}
