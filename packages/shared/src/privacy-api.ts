import * as v from 'valibot';

/**
 * Personal data rights (docs/privacy.md): the person's own "delete my account", the admin's erasure of a user, and
 * the access log of coordinators' and admins' reads of personal data.
 */

/** The words a person types to confirm the deletion of their own account, besides their password. */
export const ACCOUNT_DELETION_WORD = 'DELETE';

/** `POST /api/account/delete`: the person confirms with their password and the typed word. */
export const AccountDeletionSchema = v.object({
  password: v.pipe(v.string('password must be a string'), v.minLength(1, 'password is required'), v.maxLength(1024)),
  confirmation: v.pipe(
    v.string('confirmation must be a string'),
    v.trim(),
    v.check((word) => word.toUpperCase() === ACCOUNT_DELETION_WORD, `confirmation: type ${ACCOUNT_DELETION_WORD}`)
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
export const ACCESS_KINDS = ['profile', 'participants', 'user-list', 'export'] as const;
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
