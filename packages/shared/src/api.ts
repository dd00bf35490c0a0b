import * as v from 'valibot';

/**
 * REST payloads, defined once for the app and the server. Validate at the edge with these schemas and use the
 * derived types everywhere else.
 */

export const ROLES = ['admin', 'coordinator', 'mentor', 'mentee'] as const;
export const RoleSchema = v.picklist(ROLES);
export type Role = v.InferOutput<typeof RoleSchema>;

export const LoginRequestSchema = v.object({
  email: v.pipe(v.string('email must be a string'), v.trim(), v.toLowerCase(), v.email('email is not a valid address'), v.maxLength(254)),
  password: v.pipe(v.string('password must be a string'), v.minLength(1, 'password is required'), v.maxLength(1024))
});
export type LoginRequest = v.InferOutput<typeof LoginRequestSchema>;

export const UserSchema = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  role: RoleSchema
});
/** What `GET /api/me` returns and what a login answers with. */
export type User = v.InferOutput<typeof UserSchema>;

export const MentorshipMemberSchema = v.object({
  id: v.string(),
  name: v.string(),
  email: v.string()
});
export type MentorshipMember = v.InferOutput<typeof MentorshipMemberSchema>;

export const MentorshipSchema = v.object({
  id: v.string(),
  programmeId: v.string(),
  programmeName: v.string(),
  mentor: MentorshipMemberSchema,
  mentee: MentorshipMemberSchema,
  status: v.picklist(['active', 'closed']),
  createdAt: v.string(),
  /** The Yjs document holding the pair's private workspace. */
  docName: v.string()
});
export type Mentorship = v.InferOutput<typeof MentorshipSchema>;

export const MentorshipListSchema = v.object({ mentorships: v.array(MentorshipSchema) });
export type MentorshipList = v.InferOutput<typeof MentorshipListSchema>;

export const HealthSchema = v.object({ ok: v.literal(true) });

/** The body of every 4xx/5xx answer of the API. */
export const ApiErrorSchema = v.object({
  error: v.object({
    code: v.string(),
    message: v.string()
  })
});
export type ApiError = v.InferOutput<typeof ApiErrorSchema>;

/** Turns valibot issues into one readable sentence for an error body or the UI. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
