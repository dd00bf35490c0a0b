import * as v from 'valibot';
import { MentorshipEndingSchema } from './closing-api.ts';

/**
 * REST payloads, defined once for the app and the server. Validate at the edge with these schemas and use the
 * derived types everywhere else.
 */

export const ROLES = ['admin', 'coordinator', 'mentor', 'mentee'] as const;
export const RoleSchema = v.picklist(ROLES);
export type Role = v.InferOutput<typeof RoleSchema>;

export const LoginRequestSchema = v.object({
  email: v.pipe(
    v.string('email must be a string'),
    v.trim(),
    v.toLowerCase(),
    v.email('email is not a valid address'),
    v.maxLength(254)
  ),
  password: v.pipe(v.string('password must be a string'), v.minLength(1, 'password is required'), v.maxLength(1024))
});
export type LoginRequest = v.InferOutput<typeof LoginRequestSchema>;

/** The interface languages; e-mails to a person are written in theirs. */
export const ACCOUNT_LANGUAGES = ['en', 'it', 'es'] as const;
export const AccountLanguageSchema = v.picklist(ACCOUNT_LANGUAGES, 'language must be en, it or es');
export type AccountLanguage = v.InferOutput<typeof AccountLanguageSchema>;

export const UserSchema = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  role: RoleSchema,
  /**
   * The language the person's e-mails are written in (the account's, else the invitation's), so a sign-in on a new
   * device shows the app in it too; null when neither chose one. Optional: older servers and the identities saved
   * on devices before it existed have none, and the session-backed `User` the server passes around omits it.
   */
  language: v.optional(v.nullable(AccountLanguageSchema))
});
/** What `GET /api/me` returns and what a login answers with. */
export type User = v.InferOutput<typeof UserSchema>;

export const MentorshipMemberSchema = v.object({
  id: v.string(),
  name: v.string(),
  email: v.string()
});
export type MentorshipMember = v.InferOutput<typeof MentorshipMemberSchema>;

/**
 * "Why you were matched": the engine's explanation of a published pair, stored when the mentorship was created.
 * `breakdown` gives the points per criterion (sectors, skills, goals, languages, timeZone, availability, preference),
 * which add up to `score`; the lists are what the two profiles had in common at that moment.
 */
export const MatchExplanationSchema = v.object({
  /** `coordinator`: published from a matching run; `self-matching`: a mentee's request the mentor accepted. */
  source: v.picklist(['coordinator', 'self-matching']),
  score: v.number(),
  breakdown: v.record(v.string(), v.number()),
  rulesMet: v.array(v.string()),
  sharedSectors: v.array(v.string()),
  matchedSkills: v.array(v.string()),
  sharedGoals: v.array(v.string()),
  sharedLanguages: v.array(v.string()),
  timeZoneGapHours: v.number(),
  overlapMinutesPerWeek: v.number(),
  /** 1-based position of the mentor in the mentee's ranking, or null. */
  menteeRank: v.nullable(v.number()),
  matchedAt: v.string()
});
export type MatchExplanation = v.InferOutput<typeof MatchExplanationSchema>;

export const MentorshipSchema = v.object({
  id: v.string(),
  programmeId: v.string(),
  programmeName: v.string(),
  mentor: MentorshipMemberSchema,
  mentee: MentorshipMemberSchema,
  status: v.picklist(['active', 'closed']),
  createdAt: v.string(),
  /** The Yjs document holding the pair's private workspace. */
  docName: v.string(),
  /** Present for the caller's own mentorships that came from matching (never for other people's pairs). */
  match: v.optional(MatchExplanationSchema),
  /** How and why the pair ended; present once it is closed with a reason (issue 14). */
  ending: v.optional(MentorshipEndingSchema)
});
export type Mentorship = v.InferOutput<typeof MentorshipSchema>;

/** What `POST /api/auth/login` answers with (the session itself travels in an httpOnly cookie). */
export const LoginResponseSchema = v.object({ user: UserSchema });
export type LoginResponse = v.InferOutput<typeof LoginResponseSchema>;

/** The answer of actions that have nothing else to say (`GET /api/health`, `POST /api/auth/logout`, …). */
export const OkResponseSchema = v.object({ ok: v.literal(true) });
export type OkResponse = v.InferOutput<typeof OkResponseSchema>;

/** `GET /api/health`. */
export type HealthResponse = OkResponse;

/** The body of every 4xx/5xx answer of the API. */
export const ApiErrorSchema = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    /**
     * What the app needs to word a few refusals itself, with a schema per code (`InvitationRefusalSchema` for
     * `already_invited` and `csv_has_problems`); a reader validates it before use. Absent for most codes.
     */
    details: v.optional(v.unknown())
  })
});
export type ApiError = v.InferOutput<typeof ApiErrorSchema>;

/** Turns valibot issues into one readable sentence for an error body or the UI. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.');
      // A missing key is reported by valibot as "Invalid key: Expected …"; say it the way a person would.
      // The same for strict objects, whose own message (e.g. "is not a known field") valibot also gives a missing key.
      if (path && issue.input === undefined && (issue.type === 'object' || issue.type === 'strict_object'))
        return `${path} is required`;
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
