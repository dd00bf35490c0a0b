import * as v from 'valibot';
import { AccountLanguageSchema, RoleSchema } from './api.ts';

/**
 * Accounts (password reset, e-mail change, settings, sessions) and the admin's view of the outbox: REST payloads
 * shared by the app and the server.
 */

/** The shortest password the platform accepts (also for `admin:create`). */
export const MIN_PASSWORD_LENGTH = 10;

const EmailSchema = v.pipe(
  v.string('email must be a string'),
  v.trim(),
  v.toLowerCase(),
  v.email('email is not a valid address'),
  v.maxLength(254)
);

/** A new password: long enough, not absurdly long (scrypt reads all of it). */
export const NewPasswordSchema = v.pipe(
  v.string('password must be a string'),
  v.minLength(MIN_PASSWORD_LENGTH, `the password must have at least ${MIN_PASSWORD_LENGTH} characters`),
  v.maxLength(1024, 'the password is too long')
);

/** An opaque single-use token from a link (base64url of 32 random bytes). */
const TokenSchema = v.pipe(
  v.string('token must be a string'),
  v.regex(/^[A-Za-z0-9_-]{20,100}$/, 'token is malformed')
);

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = v.pipe(
  v.string('timeZone must be a string'),
  v.maxLength(64),
  v.check(isTimeZone, 'timeZone is not a known time zone')
);

/** `POST /api/auth/forgot-password`: always answered 204, whether or not the address has an account. */
export const ForgotPasswordRequestSchema = v.strictObject({
  email: EmailSchema,
  /** The asker's interface language, used only when the account has none chosen yet. */
  language: v.optional(AccountLanguageSchema)
});
export type ForgotPasswordRequest = v.InferOutput<typeof ForgotPasswordRequestSchema>;

/** `POST /api/auth/reset-password`: the token from the e-mailed link and the new password. */
export const ResetPasswordRequestSchema = v.strictObject({ token: TokenSchema, password: NewPasswordSchema });
export type ResetPasswordRequest = v.InferOutput<typeof ResetPasswordRequestSchema>;

/** `POST /api/auth/confirm-email`: the token from the link sent to the new address. */
export const ConfirmEmailRequestSchema = v.strictObject({ token: TokenSchema });
/**
 * `POST /api/auth/reset-password/check`: whether a password-reset link is still valid, without using it (204, or
 * 400 `invalid_token`), so the page says "expired or already used" before the person types a new password.
 */
export const ResetTokenCheckSchema = v.strictObject({ token: TokenSchema });
export type ConfirmEmailRequest = v.InferOutput<typeof ConfirmEmailRequestSchema>;
export const ConfirmEmailResponseSchema = v.object({
  email: v.string(),
  /**
   * True when the link changed the account's address (an e-mail change), false when it confirmed the address the
   * account already had (the first confirmation after a join-link sign-up). Absent from older servers.
   */
  changed: v.optional(v.boolean())
});
export type ConfirmEmailResponse = v.InferOutput<typeof ConfirmEmailResponseSchema>;

/** `GET /api/account`: the signed-in person's own settings. */
export const AccountSchema = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  role: RoleSchema,
  /** null until the person chooses one (e-mails then use English). */
  language: v.nullable(AccountLanguageSchema),
  /** An IANA zone, or null until chosen. */
  timeZone: v.nullable(v.string()),
  /** An address waiting for confirmation through the link sent to it. */
  pendingEmail: v.nullable(v.string())
});
export type Account = v.InferOutput<typeof AccountSchema>;

/** `PATCH /api/account`: any of name, language, time zone. */
export const AccountUpdateSchema = v.strictObject({
  name: v.optional(
    v.pipe(
      v.string('name must be a string'),
      v.trim(),
      v.minLength(1, 'name is required'),
      v.maxLength(120, 'name is too long')
    )
  ),
  language: v.optional(v.nullable(AccountLanguageSchema)),
  timeZone: v.optional(v.nullable(TimeZoneSchema))
});
export type AccountUpdate = v.InferOutput<typeof AccountUpdateSchema>;

/** `POST /api/account/password`. */
export const PasswordChangeSchema = v.strictObject({
  currentPassword: v.pipe(v.string('currentPassword must be a string'), v.minLength(1, 'currentPassword is required')),
  newPassword: NewPasswordSchema
});
export type PasswordChange = v.InferOutput<typeof PasswordChangeSchema>;

/** `POST /api/account/email`: the change waits for the link sent to the new address. */
export const EmailChangeSchema = v.strictObject({
  newEmail: EmailSchema,
  currentPassword: v.pipe(v.string('currentPassword must be a string'), v.minLength(1, 'currentPassword is required'))
});
export type EmailChange = v.InferOutput<typeof EmailChangeSchema>;

/** One signed-in device of the person. */
export const AccountSessionSchema = v.object({
  /** An opaque id (not the session token nor its hash). */
  id: v.string(),
  current: v.boolean(),
  createdAt: v.string(),
  expiresAt: v.string(),
  /** The browser's own description when it signed in, if known. */
  userAgent: v.nullable(v.string())
});
export type AccountSession = v.InferOutput<typeof AccountSessionSchema>;
export const AccountSessionListSchema = v.object({ sessions: v.array(AccountSessionSchema) });
export type AccountSessionList = v.InferOutput<typeof AccountSessionListSchema>;

/** `POST /api/account/sessions/sign-out-others`: how many sessions ended. */
export const SignOutOthersResponseSchema = v.object({ ended: v.number() });
export type SignOutOthersResponse = v.InferOutput<typeof SignOutOthersResponseSchema>;

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export const OutboxStatusSchema = v.picklist(OUTBOX_STATUSES);
export type OutboxStatus = v.InferOutput<typeof OutboxStatusSchema>;

/** One message of the outbox as an admin sees it in the list. */
export const OutboxSummarySchema = v.object({
  id: v.string(),
  to: v.string(),
  subject: v.string(),
  category: v.string(),
  status: OutboxStatusSchema,
  attempts: v.number(),
  createdAt: v.string(),
  sentAt: v.nullable(v.string()),
  nextAttemptAt: v.nullable(v.string()),
  lastError: v.nullable(v.string())
});
export type OutboxSummary = v.InferOutput<typeof OutboxSummarySchema>;

/** `GET /api/admin/outbox`. */
export const OutboxListSchema = v.object({
  /** False when no SMTP server is configured: nothing leaves, the messages wait here. */
  smtpConfigured: v.boolean(),
  messages: v.array(OutboxSummarySchema),
  /** How many messages there are in all (the list shows the newest). */
  total: v.number()
});
export type OutboxList = v.InferOutput<typeof OutboxListSchema>;

/** `GET /api/admin/outbox/:id`: one message with its body and the links in it. */
export const OutboxMessageSchema = v.object({
  ...OutboxSummarySchema.entries,
  text: v.string(),
  links: v.array(v.string())
});
export type OutboxMessage = v.InferOutput<typeof OutboxMessageSchema>;
