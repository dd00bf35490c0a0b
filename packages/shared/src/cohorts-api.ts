import * as v from 'valibot';
import { UserSchema } from './api.ts';
import { MIN_PASSWORD_LENGTH } from './accounts-api.ts';

/**
 * REST payloads of real installs (`/api/platform`, `/api/setup`, `/api/organisations`, programme administration,
 * invitations and join links), defined once for the app and the server. Request schemas are strict, so a typo is a
 * 400 naming the field rather than a setting silently left unchanged.
 */

const Email = v.pipe(
  v.string('email must be a string'),
  v.trim(),
  v.toLowerCase(),
  v.email('email is not a valid address'),
  v.maxLength(254, 'email is too long')
);

/** A person's or an organisation's name: trimmed, not empty, no control characters. */
const DisplayName = (what: string, max = 120) =>
  v.pipe(
    v.string(`${what} must be a string`),
    v.trim(),
    v.minLength(1, `${what} is required`),
    v.maxLength(max, `${what} is at most ${max} characters`),
    // eslint-disable-next-line no-control-regex
    v.regex(/^[^\u0000-\u001f\u007f]*$/, `${what} must not contain control characters`)
  );

const NewPassword = v.pipe(
  v.string('password must be a string'),
  v.minLength(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`),
  v.maxLength(1024, 'password is too long')
);

/** An opaque link token: base64url, 22 to 64 characters (128 to 384 bits). */
export const LinkTokenSchema = v.pipe(
  v.string('token must be a string'),
  v.regex(/^[A-Za-z0-9_-]{22,64}$/, 'token is not a valid link token')
);

const Id = v.pipe(
  v.string('must be a string'),
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a record id (a-z, 0-9, -)')
);

/** `GET /api/platform`: what the app shows before anyone signs in. */
export const PlatformInfoSchema = v.object({
  /** The platform's name chosen at setup ("MOP" until then). */
  name: v.string(),
  /** The database holds the demo data (the app shows a banner). */
  demo: v.boolean(),
  /** No admin exists yet: the setup link printed by the server opens the first-run page. */
  setupRequired: v.boolean()
});
export type PlatformInfo = v.InferOutput<typeof PlatformInfoSchema>;

/** `POST /api/setup`: the first-run page's form. */
export const SetupRequestSchema = v.strictObject({
  token: LinkTokenSchema,
  name: DisplayName('name'),
  email: Email,
  password: NewPassword,
  platformName: DisplayName('platformName', 80),
  organisationName: DisplayName('organisationName'),
  /** Install the sample learning library (collections, resources and modules), or start empty. */
  starterLibrary: v.boolean('starterLibrary must be true or false')
});
export type SetupRequest = v.InferOutput<typeof SetupRequestSchema>;

/** `PUT /api/admin/platform`: an admin renames the platform (the header, page titles, e-mails, certificates). */
export const PlatformRenameSchema = v.strictObject({ name: DisplayName('name', 80) });
export type PlatformRename = v.InferOutput<typeof PlatformRenameSchema>;

/** `GET /api/setup/:token`: whether the link can still be used. */
export const SetupLinkStatusSchema = v.object({ valid: v.literal(true), expiresAt: v.string() });
export type SetupLinkStatus = v.InferOutput<typeof SetupLinkStatusSchema>;

export const SignedInSchema = v.object({ user: UserSchema });
export type SignedIn = v.InferOutput<typeof SignedInSchema>;

export const OrganisationSchema = v.object({
  id: v.string(),
  name: v.string(),
  createdAt: v.string(),
  /** Programmes of the organisation that are not archived. */
  programmes: v.number()
});
export type Organisation = v.InferOutput<typeof OrganisationSchema>;
export const OrganisationListSchema = v.object({ organisations: v.array(OrganisationSchema) });
export type OrganisationList = v.InferOutput<typeof OrganisationListSchema>;
export const OrganisationRequestSchema = v.strictObject({ name: DisplayName('name') });

export const JOIN_MODES = ['invitation', 'open'] as const;
export const JoinModeSchema = v.picklist(JOIN_MODES, 'joinMode must be invitation or open');
export type JoinMode = v.InferOutput<typeof JoinModeSchema>;

const IsoDate = v.nullable(v.pipe(v.string('must be a date'), v.isoDate('must be a date as YYYY-MM-DD')));
const LanguageCode = v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/, 'languages must be ISO 639 codes such as en or it'));

/** A programme as its coordinators and admins manage it. */
export const ProgrammeDetailsSchema = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  organisationId: v.nullable(v.string()),
  organisationName: v.nullable(v.string()),
  startsOn: v.nullable(v.string()),
  endsOn: v.nullable(v.string()),
  languages: v.array(v.string()),
  joinMode: JoinModeSchema,
  /** People who join through a workshop link wait for a coordinator's approval. */
  approvalRequired: v.boolean(),
  /** Mentees may browse mentors and send match requests (the matching settings' `selfMatching`). */
  selfMatching: v.boolean(),
  archivedAt: v.nullable(v.string()),
  createdAt: v.string()
});
export type ProgrammeDetails = v.InferOutput<typeof ProgrammeDetailsSchema>;
export const ProgrammeDetailsListSchema = v.object({ programmes: v.array(ProgrammeDetailsSchema) });
export type ProgrammeDetailsList = v.InferOutput<typeof ProgrammeDetailsListSchema>;

/** `POST /api/programmes` (admins). */
export const ProgrammeCreateSchema = v.strictObject({
  organisationId: Id,
  name: DisplayName('name'),
  description: v.optional(v.pipe(v.string(), v.maxLength(2000, 'description is at most 2000 characters')))
});
export type ProgrammeCreate = v.InferOutput<typeof ProgrammeCreateSchema>;

/** `PATCH /api/programmes/:id` (the programme's coordinators and admins); only the fields given change. */
export const ProgrammeUpdateSchema = v.strictObject({
  name: v.optional(DisplayName('name')),
  description: v.optional(v.pipe(v.string(), v.maxLength(2000, 'description is at most 2000 characters'))),
  startsOn: v.optional(IsoDate),
  endsOn: v.optional(IsoDate),
  languages: v.optional(v.pipe(v.array(LanguageCode), v.maxLength(20, 'at most 20 languages'))),
  joinMode: v.optional(JoinModeSchema),
  approvalRequired: v.optional(v.boolean('approvalRequired must be true or false')),
  selfMatching: v.optional(v.boolean('selfMatching must be true or false'))
});
export type ProgrammeUpdate = v.InferOutput<typeof ProgrammeUpdateSchema>;

/** `POST /api/programmes/:id/duplicate`: next year's cohort. */
export const ProgrammeDuplicateSchema = v.strictObject({
  name: DisplayName('name'),
  /** Also copy the coordinators, mentors and mentees (as members; their pairs are not copied). */
  includePeople: v.optional(v.boolean('includePeople must be true or false')),
  /** Archive the programme being duplicated. */
  archiveOriginal: v.optional(v.boolean('archiveOriginal must be true or false'))
});

export const INVITATION_ROLES = ['coordinator', 'mentor', 'mentee'] as const;
export const InvitationRoleSchema = v.picklist(INVITATION_ROLES, 'role must be coordinator, mentor or mentee');
export type InvitationRole = v.InferOutput<typeof InvitationRoleSchema>;
export const INVITATION_LANGUAGES = ['en', 'it', 'es'] as const;

/** One person to invite. */
export const InvitationRequestSchema = v.strictObject({
  name: DisplayName('name'),
  email: Email,
  role: InvitationRoleSchema,
  language: v.optional(v.picklist(INVITATION_LANGUAGES, 'language must be en, it or es'))
});
export type InvitationRequest = v.InferOutput<typeof InvitationRequestSchema>;

/** `POST /api/programmes/:id/invitations`: one or more people (a pasted list is sent as several). */
export const InvitationBatchSchema = v.strictObject({
  invitations: v.pipe(
    v.array(InvitationRequestSchema, 'invitations must be a list'),
    v.minLength(1, 'invite at least one person'),
    v.maxLength(500, 'at most 500 people at once; upload a CSV for more')
  )
});

export const INVITATION_STATUSES = ['sent', 'opened', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const InvitationSchema = v.object({
  id: v.string(),
  programmeId: v.string(),
  name: v.string(),
  email: v.string(),
  role: InvitationRoleSchema,
  language: v.nullable(v.string()),
  status: v.picklist(INVITATION_STATUSES),
  sentAt: v.string(),
  expiresAt: v.string(),
  openedAt: v.nullable(v.string()),
  acceptedAt: v.nullable(v.string())
});
export type Invitation = v.InferOutput<typeof InvitationSchema>;
export const InvitationListSchema = v.object({ invitations: v.array(InvitationSchema) });
export type InvitationList = v.InferOutput<typeof InvitationListSchema>;
/** `POST /api/programmes/:id/invitations/:invitationId/revoke`: the invitation, now revoked. */
export const RevokedInvitationSchema = v.object({ invitation: InvitationSchema });
export type RevokedInvitation = v.InferOutput<typeof RevokedInvitationSchema>;

/** An invitation with its link, as answered right after creating or renewing it (the only time the token is known). */
export const IssuedInvitationSchema = v.object({ invitation: InvitationSchema, link: v.string() });
export type IssuedInvitation = v.InferOutput<typeof IssuedInvitationSchema>;
export const IssuedInvitationListSchema = v.object({ invitations: v.array(IssuedInvitationSchema) });
export type IssuedInvitationList = v.InferOutput<typeof IssuedInvitationListSchema>;

/** The columns of an invitation list, as the problems of a row name them. */
export const INVITATION_COLUMNS = ['name', 'email', 'role', 'language'] as const;
export type InvitationColumn = (typeof INVITATION_COLUMNS)[number];

/**
 * Every problem an invitation list (an uploaded CSV or a pasted list) can have, with the values its sentence needs.
 * The app words each code in the reader's language from these values; the app's table of sentences is a Record over
 * this interface, so a code without words does not compile.
 */
export interface CsvProblemParams {
  /** No header line at all. */
  empty_file: Record<string, never>;
  /** The header lacks a needed column; `found` is the header as written. */
  missing_column: { column: InvitationColumn; found: string };
  too_many_rows: { rows: number; max: number };
  /** The CSV reader could not split the line (a quotation mark not closed). */
  unreadable_line: Record<string, never>;
  extra_cells: { cells: number; columns: number };
  /** Bytes that are not UTF-8 (a file saved as Latin-1 or Windows-1252). */
  not_utf8: { column: InvitationColumn };
  /** The cell starts with something a spreadsheet runs as a formula: `=`, `+`, `-`, `@`, `tab` or `return`. */
  formula: { column: InvitationColumn; start: string };
  missing: { column: InvitationColumn };
  too_long: { column: InvitationColumn; max: number };
  control_characters: { column: InvitationColumn };
  invalid_email: Record<string, never>;
  unknown_role: { value: string };
  unknown_language: { value: string };
  /** Any other refusal of a cell (a newer rule this app has no words for yet shows `message`). */
  invalid_value: { column: InvitationColumn };
  /** The same address as an earlier row; `line` is that row's line. */
  duplicate: { line: number };
  already_invited: Record<string, never>;
  already_member: { role: string };
}
export type CsvProblemCode = keyof CsvProblemParams;

/**
 * One problem of an invitation list on the wire: a stable `code`, the values of its sentence, and the sentence in
 * English for logs and API users (and for an app older than the server, which does not know the code yet).
 */
export const CsvProblemSchema = v.object({
  code: v.string(),
  params: v.record(v.string(), v.union([v.string(), v.number()])),
  message: v.string()
});
export type CsvProblem = v.InferOutput<typeof CsvProblemSchema>;

/**
 * The `details` of a refused invitation (409 `already_invited`, 422 `csv_has_problems` when a list is sent): what
 * was wrong as problem codes and params, which the app words like the preview's problems (the `message` of the
 * refusal is English).
 */
export const InvitationRefusalSchema = v.object({
  /** The address that cannot be invited (`already_invited`). */
  email: v.optional(v.string()),
  /** The file's line with the problems (`csv_has_problems`; absent for a problem of the whole file). */
  line: v.optional(v.number()),
  problems: v.array(CsvProblemSchema)
});
export type InvitationRefusal = v.InferOutput<typeof InvitationRefusalSchema>;

/** One row of an uploaded CSV and what is wrong with it (empty: it will be sent). */
export const CsvRowReportSchema = v.object({
  /** 1-based line of the file, the header being line 1. */
  line: v.number(),
  name: v.string(),
  email: v.string(),
  role: v.string(),
  language: v.string(),
  problems: v.array(CsvProblemSchema)
});
export type CsvRowReport = v.InferOutput<typeof CsvRowReportSchema>;

/** The answer to a CSV upload: the preview (`dryRun`), or the invitations created when every row was valid. */
export const CsvImportResultSchema = v.object({
  rows: v.number(),
  valid: v.number(),
  /** Problems of the file as a whole (missing column, unreadable encoding, too many rows). */
  fileProblems: v.array(CsvProblemSchema),
  /** Only the rows that have problems, in file order, plus the first valid rows for the preview. */
  report: v.array(CsvRowReportSchema),
  /** Created invitations (empty for a preview or when anything was wrong: nothing is half-imported). */
  invitations: v.array(IssuedInvitationSchema)
});
export type CsvImportResult = v.InferOutput<typeof CsvImportResultSchema>;

/** `GET /api/invitations/:token`: what the invitee sees before accepting. */
export const InvitationPreviewSchema = v.object({
  programmeName: v.string(),
  organisationName: v.nullable(v.string()),
  role: InvitationRoleSchema,
  name: v.string(),
  email: v.string(),
  /** The e-mail has an account already: the invitee signs in instead of choosing a password. */
  existingAccount: v.boolean(),
  /** The language the invitation was sent in (the page shows it when the visitor chose none on this device). */
  language: v.optional(v.nullable(v.string()), null)
});
export type InvitationPreview = v.InferOutput<typeof InvitationPreviewSchema>;

/** `POST /api/invitations/:token/accept`: a new account's name and password, or nothing when signed in. */
export const InvitationAcceptSchema = v.strictObject({
  name: v.optional(DisplayName('name')),
  password: v.optional(NewPassword),
  /** The language the page showed: a new account's language for e-mails (else the invitation's). */
  language: v.optional(v.picklist(INVITATION_LANGUAGES, 'language must be en, it or es'))
});

/** Where the app goes after joining. */
export const JoinedSchema = v.object({
  user: UserSchema,
  programmeId: v.string(),
  /** True when a coordinator must still approve the membership. */
  pending: v.boolean(),
  next: v.string()
});
export type Joined = v.InferOutput<typeof JoinedSchema>;

/** `POST /api/programmes/:id/join-links`: a workshop link. Never for coordinators. */
export const JoinLinkCreateSchema = v.strictObject({
  role: v.picklist(['mentor', 'mentee'], 'role must be mentor or mentee'),
  expiresInHours: v.pipe(
    v.number('expiresInHours must be a number'),
    v.integer('expiresInHours must be a whole number'),
    v.minValue(1, 'expiresInHours must be at least 1'),
    v.maxValue(24 * 30, 'expiresInHours must be at most 720 (30 days)')
  ),
  maxUses: v.pipe(
    v.number('maxUses must be a number'),
    v.integer('maxUses must be a whole number'),
    v.minValue(1, 'maxUses must be at least 1'),
    v.maxValue(1000, 'maxUses must be at most 1000')
  )
});

export const JoinLinkSchema = v.object({
  id: v.string(),
  role: v.picklist(['mentor', 'mentee']),
  expiresAt: v.string(),
  maxUses: v.number(),
  uses: v.number(),
  revokedAt: v.nullable(v.string()),
  createdAt: v.string()
});
export type JoinLink = v.InferOutput<typeof JoinLinkSchema>;
export const JoinLinkListSchema = v.object({ joinLinks: v.array(JoinLinkSchema) });
export type JoinLinkList = v.InferOutput<typeof JoinLinkListSchema>;
/** `POST /api/programmes/:id/join-links/:linkId/revoke`: the link, now revoked. */
export const RevokedJoinLinkSchema = v.object({ joinLink: JoinLinkSchema });
export type RevokedJoinLink = v.InferOutput<typeof RevokedJoinLinkSchema>;
export const IssuedJoinLinkSchema = v.object({ joinLink: JoinLinkSchema, link: v.string() });
export type IssuedJoinLink = v.InferOutput<typeof IssuedJoinLinkSchema>;

/** `GET /api/join/:token`. */
export const JoinLinkPreviewSchema = v.object({
  programmeName: v.string(),
  organisationName: v.nullable(v.string()),
  role: v.picklist(['mentor', 'mentee']),
  approvalRequired: v.boolean()
});
export type JoinLinkPreview = v.InferOutput<typeof JoinLinkPreviewSchema>;

/** `POST /api/join/:token`: a new account, or nothing when signed in. */
export const JoinRequestSchema = v.strictObject({
  name: v.optional(DisplayName('name')),
  email: v.optional(Email),
  password: v.optional(NewPassword),
  /** The language the page showed: a new account's language for e-mails. */
  language: v.optional(v.picklist(INVITATION_LANGUAGES, 'language must be en, it or es'))
});

export const PendingMemberSchema = v.object({
  userId: v.string(),
  name: v.string(),
  email: v.string(),
  role: v.picklist(['mentor', 'mentee']),
  requestedAt: v.string(),
  /** They opened the link mailed to their address (approval waits for it: anyone can type any address). */
  emailConfirmed: v.boolean()
});
export type PendingMember = v.InferOutput<typeof PendingMemberSchema>;
export const PendingMemberListSchema = v.object({ pending: v.array(PendingMemberSchema) });
export type PendingMemberList = v.InferOutput<typeof PendingMemberListSchema>;

/**
 * Every action the server writes to the audit log, `<subject>.<verb>`, in the order the admin's filter offers them.
 * The server's writes are typed with it, so an action the app has no words for does not compile.
 */
export const AUDIT_ACTIONS = [
  'platform.setup',
  'platform.rename',
  'organisation.create',
  'organisation.rename',
  'programme.create',
  'programme.update',
  'programme.duplicate',
  'programme.archive',
  'programme.unarchive',
  'programme.feedback-questions',
  'programme.retention',
  'programme.retention-erase',
  'invitation.create',
  'invitation.resend',
  'invitation.link',
  'invitation.revoke',
  'join-link.create',
  'join-link.revoke',
  'member.approve',
  'member.decline',
  'member.move',
  'member.remove',
  'member.role',
  'matching.publish',
  'mentorship.end',
  'mentorship.unpublish',
  'mentorship.retention-erase',
  'collection.create',
  'collection.update',
  'collection.order',
  'collection.retire',
  'collection.restore',
  'library.starter-install',
  'library.starter-remove',
  'privacy.settings',
  'user.deactivate',
  'user.reactivate',
  'user.role',
  'user.erase',
  'user.export',
  'user.password-reset',
  'user.email-confirm'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntrySchema = v.object({
  id: v.number(),
  at: v.string(),
  actorId: v.nullable(v.string()),
  actorName: v.string(),
  action: v.string(),
  targetUserId: v.nullable(v.string()),
  targetLabel: v.nullable(v.string()),
  programmeId: v.nullable(v.string()),
  organisationId: v.nullable(v.string()),
  details: v.record(v.string(), v.unknown())
});
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;
export const AuditLogSchema = v.object({ entries: v.array(AuditEntrySchema) });
export type AuditLog = v.InferOutput<typeof AuditLogSchema>;

export const OkSchema = v.object({ ok: v.literal(true) });

/** One user in the admin console. */
export const AdminUserSchema = v.object({
  id: v.string(),
  name: v.string(),
  email: v.string(),
  role: v.picklist(['admin', 'coordinator', 'mentor', 'mentee']),
  deactivatedAt: v.nullable(v.string()),
  createdAt: v.string(),
  /** Each programme the user belongs to, with the role held there. */
  memberships: v.array(v.object({ programmeId: v.string(), programmeName: v.string(), role: v.string() }))
});
export type AdminUser = v.InferOutput<typeof AdminUserSchema>;
export const AdminUserListSchema = v.object({ users: v.array(AdminUserSchema), total: v.number() });
export type AdminUserList = v.InferOutput<typeof AdminUserListSchema>;

/** `PATCH /api/admin/users/:userId`: the platform role. */
export const AdminUserUpdateSchema = v.strictObject({
  role: v.picklist(['admin', 'coordinator', 'mentor', 'mentee'], 'role must be admin, coordinator, mentor or mentee')
});

/** The roles a coordinator gives and changes on the participants page (coordinators are appointed by invitation). */
export const ParticipantRoleSchema = v.picklist(['mentor', 'mentee'], 'role must be mentor or mentee');

/**
 * `PATCH /api/programmes/:id/participants/:userId`: change the role, or move the person to another programme the
 * caller coordinates (exactly one of the two). A person in an active pair of this programme is refused
 * (`participant_has_pair`) unless `endPairs` is true, which ends their pairs first: a pair never outlives the
 * membership it was made from.
 */
export const ParticipantChangeSchema = v.pipe(
  v.strictObject({
    role: v.optional(ParticipantRoleSchema),
    moveToProgrammeId: v.optional(
      v.pipe(v.string('moveToProgrammeId must be a string'), v.minLength(1), v.maxLength(100))
    ),
    endPairs: v.optional(v.boolean('endPairs must be true or false'))
  }),
  v.check(
    (change) => (change.role === undefined) !== (change.moveToProgrammeId === undefined),
    'give either role or moveToProgrammeId'
  )
);
export type ParticipantChange = v.InferOutput<typeof ParticipantChangeSchema>;

/** `POST /api/programmes/:id/participants/:userId/remove`: see `ParticipantChangeSchema` for `endPairs`. */
export const ParticipantRemoveSchema = v.strictObject({
  endPairs: v.optional(v.boolean('endPairs must be true or false'))
});
export type ParticipantRemove = v.InferOutput<typeof ParticipantRemoveSchema>;

/** What a participant change did: where the person is now (null: removed) and how many pairs it ended. */
export const ParticipantChangeResultSchema = v.object({
  userId: v.string(),
  programmeId: v.nullable(v.string()),
  role: v.nullable(ParticipantRoleSchema),
  endedPairs: v.number()
});
export type ParticipantChangeResult = v.InferOutput<typeof ParticipantChangeResultSchema>;
