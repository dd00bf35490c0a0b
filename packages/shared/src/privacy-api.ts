import * as v from 'valibot';
import { ERASABLE_RECORD_KINDS } from './workspace/erasure.ts';

/**
 * Personal data rights (docs/privacy.md): the person's own "delete my account", the admin's erasure of a user, and
 * the access log of coordinators' and admins' reads of personal data.
 */

/**
 * The word a person types to confirm the deletion of their own account, besides their password, in each of the app's
 * languages (the page shows `privacy_delete_word` of messages/*.json; a test keeps the two in step). The server
 * accepts any of them, so a person whose browser switches language between typing and sending is not refused; the
 * word only guards against a slip, the password is what authorises the deletion.
 */
export const ACCOUNT_DELETION_WORDS = ['DELETE', 'ELIMINA', 'ELIMINAR'] as const;

/** True when `typed` is one of the confirmation words, whatever its case and surrounding spaces. */
export function isAccountDeletionWord(typed: string): boolean {
  return (ACCOUNT_DELETION_WORDS as readonly string[]).includes(typed.trim().toUpperCase());
}

/** `POST /api/account/delete`: the person confirms with their password and the typed word. */
export const AccountDeletionSchema = v.object({
  password: v.pipe(v.string('password must be a string'), v.minLength(1, 'password is required'), v.maxLength(1024)),
  confirmation: v.pipe(
    v.string('confirmation must be a string'),
    v.trim(),
    v.check(isAccountDeletionWord, `confirmation: type ${ACCOUNT_DELETION_WORDS.join(', ')}`)
  )
});
export type AccountDeletion = v.InferOutput<typeof AccountDeletionSchema>;

/** `POST /api/admin/users/:id/erase`: the admin types the user's e-mail address to confirm. */
export const AdminUserErasureSchema = v.object({
  confirmEmail: v.pipe(
    v.string('confirmEmail must be a string'),
    v.trim(),
    v.toLowerCase(),
    v.minLength(1, 'confirmEmail is required'),
    v.maxLength(254)
  )
});
export type AdminUserErasure = v.InferOutput<typeof AdminUserErasureSchema>;

/** What kind of personal data a coordinator or admin read. */
export const ACCESS_KINDS = ['profile', 'participants', 'user-list', 'export', 'feedback'] as const;
export const AccessKindSchema = v.picklist(ACCESS_KINDS);
export type AccessKind = v.InferOutput<typeof AccessKindSchema>;

/** One read of personal data by a coordinator or an admin. */
export const AccessLogEntrySchema = v.object({
  id: v.number(),
  at: v.string(),
  actorId: v.nullable(v.string()),
  actorName: v.string(),
  subjectUserId: v.nullable(v.string()),
  subjectName: v.nullable(v.string()),
  programmeId: v.nullable(v.string()),
  what: AccessKindSchema
});
export type AccessLogEntry = v.InferOutput<typeof AccessLogEntrySchema>;

export const AccessLogSchema = v.object({ entries: v.array(AccessLogEntrySchema) });
export type AccessLog = v.InferOutput<typeof AccessLogSchema>;

/** `POST /api/mentorships/:id/erase-record`: a member deletes a record of the pair's document for good. */
export const PairRecordErasureSchema = v.object({
  kind: v.picklist(ERASABLE_RECORD_KINDS, 'kind must be message, note, reflection or pin'),
  id: v.pipe(v.string('id must be a string'), v.minLength(1, 'id is required'), v.maxLength(64))
});
export type PairRecordErasure = v.InferOutput<typeof PairRecordErasureSchema>;

/** Bounds of the retention period an admin can set, in days. */
export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 3650;
/** The retention period of a fresh install: a year after a programme is archived or a pair ends. */
export const DEFAULT_RETENTION_DAYS = 365;
export const MAX_NOTICE_LENGTH = 30_000;

const RetentionDays = v.pipe(
  v.number('retentionDays must be a number'),
  v.integer('retentionDays must be a whole number of days'),
  v.minValue(MIN_RETENTION_DAYS, `retentionDays: at least ${MIN_RETENTION_DAYS}`),
  v.maxValue(MAX_RETENTION_DAYS, `retentionDays: at most ${MAX_RETENTION_DAYS}`)
);

/** `GET /api/privacy`: the platform's privacy notice and imprint (Markdown), public (sign-up pages show them). */
export const PrivacyNoticeSchema = v.object({
  notice: v.string(),
  imprint: v.string(),
  /** Grows by one each time an admin changes the notice; acknowledgements record the version read. */
  noticeVersion: v.number(),
  /** False while the notice is still the placeholder a fresh install ships (no organisation, no contact). */
  noticeCompleted: v.boolean(),
  /** False while the imprint is still the placeholder a fresh install ships. */
  imprintCompleted: v.boolean()
});
export type PrivacyNotice = v.InferOutput<typeof PrivacyNoticeSchema>;

/** `GET|PUT /api/admin/privacy`: the notice, the imprint and the default retention, as admins edit them. */
export const PrivacySettingsSchema = v.object({
  ...PrivacyNoticeSchema.entries,
  retentionDays: v.number(),
  programmes: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      archivedAt: v.nullable(v.string()),
      retentionDays: v.nullable(v.number())
    })
  )
});
export type PrivacySettings = v.InferOutput<typeof PrivacySettingsSchema>;

export const PrivacySettingsUpdateSchema = v.object({
  notice: v.pipe(v.string('notice must be text'), v.maxLength(MAX_NOTICE_LENGTH)),
  imprint: v.pipe(v.string('imprint must be text'), v.maxLength(MAX_NOTICE_LENGTH)),
  retentionDays: RetentionDays
});
export type PrivacySettingsUpdate = v.InferOutput<typeof PrivacySettingsUpdateSchema>;

/** `PUT /api/admin/programmes/:id/retention`: a programme's own retention, or null for the platform's default. */
export const ProgrammeRetentionSchema = v.object({ retentionDays: v.nullable(RetentionDays) });
export type ProgrammeRetention = v.InferOutput<typeof ProgrammeRetentionSchema>;

/** `POST /api/account/privacy-acknowledgement`: the person read this version of the notice. */
export const PrivacyAcknowledgementSchema = v.object({
  version: v.pipe(v.number('version must be a number'), v.integer(), v.minValue(1))
});
