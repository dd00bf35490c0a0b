import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import {
  InvitationAcceptSchema,
  InvitationBatchSchema,
  LinkTokenSchema,
  type CsvImportResult,
  type CsvProblem,
  type InvitationRefusal,
  type InvitationPreview,
  type InvitationRequest,
  type IssuedInvitation,
  type Joined,
  type User,
  type InvitationList,
  type IssuedInvitationList,
  type RevokedInvitation
} from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import { apiError } from '../http/errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import { startSessionCookie } from '../auth/index.ts';
import { audit, coordinatedProgramme, type CohortsContext } from './context.ts';
import { invitationView, type InvitationRecord } from './store.ts';
import { hashLinkToken, newLinkToken } from './tokens.ts';
import { invitationMail } from './invitation-mail.ts';
import { renderMail } from '../mail/render.ts';
import { personLanguage, platformName } from '../mail/index.ts';
import { csvProblem, decodeCsv, parseInvitationCsv } from './csv.ts';
import { setAccountLanguage, startProfileWithName } from './profile-name.ts';

/** How long an invitation link works. */
const INVITATION_DAYS = 14;
/** Largest CSV upload: 10,000 rows of name, e-mail, role and language fit well within it. */
const MAX_CSV_BYTES = 4 * 1024 * 1024;
/** Valid rows shown in a preview besides every row with a problem. */
const PREVIEW_VALID_ROWS = 50;

type Programme = NonNullable<ReturnType<CohortsContext['cohorts']['getProgramme']>>;

/** Where someone goes after joining: the questionnaire for mentors and mentees, the programme for coordinators. */
export function nextStepFor(role: string, programmeId: string): string {
  return role === 'coordinator' ? `/programmes/${programmeId}/manage` : '/profile';
}

/** Addresses that cannot be invited again to the programme, with the reason a preview shows. */
function knownAddresses(deps: CohortsContext, programmeId: string): Map<string, CsvProblem> {
  const known = new Map<string, CsvProblem>();
  for (const email of deps.cohorts.openInvitationEmails(programmeId))
    known.set(email, csvProblem('already_invited', {}));
  for (const member of deps.matching.listMembers(programmeId))
    known.set(member.email.toLowerCase(), csvProblem('already_member', { role: member.role }));
  return known;
}

/** Creates one invitation and queues its e-mail (call inside a transaction). */
function issueInvitation(
  deps: CohortsContext,
  actor: User,
  programme: Programme,
  request: InvitationRequest
): IssuedInvitation {
  const { ctx, cohorts } = deps;
  const { token, hash } = newLinkToken();
  const now = ctx.now();
  const record: InvitationRecord = {
    id: randomUUID(),
    programmeId: programme.id,
    email: request.email,
    name: request.name,
    role: request.role,
    language: request.language ?? null,
    tokenHash: hash,
    invitedBy: actor.id,
    createdAt: now.toISOString(),
    sentAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    openedAt: null,
    acceptedAt: null,
    acceptedUserId: null,
    revokedAt: null
  };
  cohorts.createInvitation(record);
  const link = invitationLink(deps, token);
  sendInvitationMail(deps, programme, record, link);
  audit(deps, actor, {
    action: 'invitation.create',
    programmeId: programme.id,
    organisationId: programme.organisationId,
    targetLabel: request.email,
    details: { role: request.role }
  });
  return { invitation: invitationView(record, now), link };
}

function invitationLink(deps: CohortsContext, token: string): string {
  return `${deps.ctx.publicUrl}/invitation#${token}`;
}

function sendInvitationMail(deps: CohortsContext, programme: Programme, record: InvitationRecord, link: string): void {
  const invitee = deps.ctx.store.findUserByEmail(record.email);
  deps.ctx.mail.enqueue(
    renderMail(
      invitationMail,
      {
        to: record.email,
        // Someone who has an account already reads their own language; a newcomer the one they were invited in.
        language: invitee ? personLanguage(deps.ctx.db, invitee.id, record.language) : record.language
      },
      {
        name: record.name,
        role: record.role,
        programmeName: programme.name,
        organisationName: programme.organisationName,
        url: link,
        validDays: INVITATION_DAYS
      },
      { platformName: platformName(deps.ctx), publicUrl: deps.ctx.publicUrl }
    )
  );
}

/** Invites every request, or none when one cannot be invited (nothing is half-sent). */
function issueAll(
  deps: CohortsContext,
  actor: User,
  programme: Programme,
  requests: InvitationRequest[]
): IssuedInvitation[] {
  return deps.ctx.transaction(() => {
    const known = knownAddresses(deps, programme.id);
    /** Each address's 1-based position in the request, for "the same e-mail as …". */
    const seen = new Map<string, number>();
    for (const [index, request] of requests.entries()) {
      const earlier = seen.get(request.email);
      const problem =
        known.get(request.email) ?? (earlier === undefined ? undefined : csvProblem('duplicate', { line: earlier }));
      if (problem) {
        const details: InvitationRefusal = { email: request.email, problems: [problem] };
        throw new ApiRefusal(409, 'already_invited', `${request.email}: ${problem.message}`, details);
      }
      seen.set(request.email, index + 1);
    }
    return requests.map((request) => issueInvitation(deps, actor, programme, request));
  });
}

/** The invitation of `:invitationId` in a programme the caller coordinates. */
function coordinatedInvitation(c: Context, deps: CohortsContext, user: User) {
  const programme = coordinatedProgramme(c, deps, user, { writable: true });
  const invitation = deps.cohorts.getInvitation(c.req.param('invitationId') ?? '');
  if (!invitation || invitation.programmeId !== programme.id)
    throw new ApiRefusal(404, 'not_found', 'No such invitation in this programme');
  return { programme, invitation };
}

/** An invitation link's record, refused with 404 (unknown) or 410 (used, revoked, expired, programme archived). */
function invitationByToken(deps: CohortsContext, rawToken: string | undefined) {
  const parsed = v.safeParse(LinkTokenSchema, rawToken);
  const record = parsed.success ? deps.cohorts.findInvitationByToken(hashLinkToken(parsed.output)) : null;
  if (!record)
    throw new ApiRefusal(
      404,
      'invitation_unknown',
      'This invitation link is not valid. Ask your coordinator for a new one.'
    );
  if (record.revokedAt) throw new ApiRefusal(410, 'invitation_revoked', 'This invitation has been withdrawn.');
  if (record.acceptedAt)
    throw new ApiRefusal(410, 'invitation_used', 'This invitation has been accepted already. Sign in instead.');
  if (record.expiresAt <= deps.ctx.now().toISOString())
    throw new ApiRefusal(
      410,
      'invitation_expired',
      'This invitation has expired. Ask your coordinator to send it again.'
    );
  const programme = deps.cohorts.getProgramme(record.programmeId);
  if (!programme || programme.archivedAt)
    throw new ApiRefusal(410, 'programme_archived', 'This programme has ended and takes no new members.');
  return { record, programme };
}

/** Invitations of a programme (coordinators and admins) and accepting one (anyone with the link). */
export function invitationRoutes(deps: CohortsContext): Hono {
  const { ctx, cohorts } = deps;
  const app = new Hono();

  app.get(
    '/programmes/:id/invitations',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, user);
      const now = ctx.now();
      return c.json({
        invitations: cohorts.listInvitations(programme.id).map((r) => invitationView(r, now))
      } satisfies InvitationList);
    })
  );

  app.post(
    '/programmes/:id/invitations',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, user, { writable: true });
      const { invitations } = await readBody(c, InvitationBatchSchema);
      return c.json({ invitations: issueAll(deps, user, programme, invitations) } satisfies IssuedInvitationList, 201);
    })
  );

  for (const [path, mail] of [
    ['resend', true],
    ['link', false]
  ] as const) {
    // Both give the invitation a new token: the server keeps only hashes, so an earlier link cannot be shown again.
    app.post(
      `/programmes/:id/invitations/:invitationId/${path}`,
      guarded((c) => {
        const user = ctx.auth.requireUser(c);
        const { programme, invitation } = coordinatedInvitation(c, deps, user);
        if (invitation.acceptedAt || invitation.revokedAt)
          throw new ApiRefusal(
            409,
            'invitation_closed',
            'This invitation was accepted or revoked; invite again instead.'
          );
        const body = ctx.transaction((): IssuedInvitation => {
          const { token, hash } = newLinkToken();
          const now = ctx.now();
          cohorts.renewInvitation(invitation.id, hash, now, new Date(now.getTime() + INVITATION_DAYS * 86_400_000));
          const renewed = cohorts.getInvitation(invitation.id) as InvitationRecord;
          const link = invitationLink(deps, token);
          if (mail) sendInvitationMail(deps, programme, renewed, link);
          audit(deps, user, {
            action: `invitation.${path}`,
            programmeId: programme.id,
            targetLabel: invitation.email
          });
          return { invitation: invitationView(renewed, now), link };
        });
        return c.json(body);
      })
    );
  }

  app.post(
    '/programmes/:id/invitations/:invitationId/revoke',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const { programme, invitation } = coordinatedInvitation(c, deps, user);
      if (invitation.acceptedAt)
        throw new ApiRefusal(
          409,
          'invitation_closed',
          'This invitation was accepted already; remove the participant instead.'
        );
      ctx.transaction(() => {
        cohorts.revokeInvitation(invitation.id, ctx.now());
        audit(deps, user, { action: 'invitation.revoke', programmeId: programme.id, targetLabel: invitation.email });
      });
      return c.json({
        invitation: invitationView(cohorts.getInvitation(invitation.id) as InvitationRecord, ctx.now())
      } satisfies RevokedInvitation);
    })
  );

  app.get(
    '/invitations/:token',
    guarded((c) => {
      const { record, programme } = invitationByToken(deps, c.req.param('token'));
      cohorts.markInvitationOpened(record.id, ctx.now());
      const body: InvitationPreview = {
        programmeName: programme.name,
        organisationName: programme.organisationName,
        role: record.role,
        name: record.name,
        email: record.email,
        existingAccount: ctx.store.findUserByEmail(record.email) !== null,
        language: record.language
      };
      return c.json(body);
    })
  );

  app.post(
    '/invitations/:token/accept',
    guarded(async (c) => {
      const { record, programme } = invitationByToken(deps, c.req.param('token'));
      const request = await readBody(c, InvitationAcceptSchema, true);
      const existing = ctx.store.findUserByEmail(record.email);
      const current = ctx.auth.currentUser(c);
      let user: User;
      if (existing) {
        if (current?.id !== existing.id)
          throw new ApiRefusal(
            409,
            'sign_in_required',
            `${record.email} has an account: sign in to accept the invitation.`
          );
        user = current;
        ctx.transaction(() => {
          if (!cohorts.acceptInvitation(record.id, user.id, ctx.now()))
            throw new ApiRefusal(410, 'invitation_used', 'This invitation has been accepted already.');
          ctx.store.addProgrammeMember(programme.id, user.id, record.role);
        });
      } else {
        if (!request.name || !request.password)
          throw new ApiRefusal(400, 'invalid_request', 'name and password are required to create your account');
        const passwordHash = await hashPassword(request.password);
        const name = request.name;
        // User, membership and session are created together: a failure leaves the invitation open and nothing else.
        user = ctx.transaction(() => {
          const id = randomUUID();
          if (ctx.store.findUserByEmail(record.email))
            throw new ApiRefusal(409, 'sign_in_required', `${record.email} has an account: sign in to accept.`);
          const created = ctx.store.createUser({ id, email: record.email, name, role: record.role, passwordHash });
          // The account's language: the one the invitation page showed (the invitation's, unless they chose another).
          setAccountLanguage(ctx, id, request.language ?? record.language);
          // A concurrent accept of the same link loses here and rolls back the user it created.
          if (!cohorts.acceptInvitation(record.id, id, ctx.now()))
            throw new ApiRefusal(410, 'invitation_used', 'This invitation has been accepted already.');
          ctx.store.addProgrammeMember(programme.id, id, record.role);
          if (record.role !== 'coordinator') startProfileWithName(ctx, id, name);
          startSessionCookie(c, ctx.store, id);
          return { id, email: created.email, name: created.name, role: created.role };
        });
      }
      const body: Joined = {
        user,
        programmeId: programme.id,
        pending: false,
        next: nextStepFor(record.role, programme.id)
      };
      return c.json(body);
    })
  );

  return app;
}

/** `POST /api/programmes/:id/invitations/csv[?dryRun=1]`: a CSV upload (text/csv), outside the API's 64 KiB limit. */
export function invitationUploadRoutes(deps: CohortsContext): Hono {
  const { ctx } = deps;
  const app = new Hono();
  app.post(
    '/programmes/:id/invitations/csv',
    bodyLimit({
      maxSize: MAX_CSV_BYTES,
      onError: (c) => {
        c.header('Connection', 'close');
        return apiError(c, 413, 'payload_too_large', `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`);
      }
    }),
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, user, { writable: true });
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      if (!/^(text\/csv|text\/plain|application\/vnd\.ms-excel|application\/octet-stream)\b/.test(type))
        throw new ApiRefusal(415, 'unsupported_media_type', 'Send the file as text/csv');
      const dryRun = c.req.query('dryRun') === '1';
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const parsed = parseInvitationCsv(decodeCsv(bytes), knownAddresses(deps, programme.id));
      const withProblems = parsed.rows.filter((row) => row.problems.length > 0);
      const valid = parsed.rows.length - withProblems.length;
      const report = parsed.rows
        .filter((row) => row.problems.length > 0 || row.line - 1 <= PREVIEW_VALID_ROWS)
        .map(({ request: _request, ...row }) => row);
      const clean = parsed.fileProblems.length === 0 && withProblems.length === 0 && parsed.rows.length > 0;
      if (!dryRun && !clean) {
        // The first problem, in English for the message and as codes the app words (a list changed since its preview).
        const [fileProblem] = parsed.fileProblems;
        const [row] = withProblems;
        const details: InvitationRefusal = fileProblem
          ? { problems: [fileProblem] }
          : row
            ? { line: row.line, problems: row.problems }
            : { problems: [csvProblem('empty_file', {})] };
        const english = details.problems.map((problem) => problem.message).join('; ');
        throw new ApiRefusal(
          422,
          'csv_has_problems',
          `Nothing was sent: ${details.line === undefined ? english : `line ${details.line}: ${english}`}`,
          details
        );
      }
      const invitations = dryRun
        ? []
        : issueAll(
            deps,
            user,
            programme,
            parsed.rows.flatMap((row) => (row.request ? [row.request] : []))
          );
      const body: CsvImportResult = {
        rows: parsed.rows.length,
        valid,
        fileProblems: parsed.fileProblems,
        report,
        invitations
      };
      return c.json(body, dryRun ? 200 : 201);
    })
  );
  return app;
}
