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

/** The kinds of news a pair's document holds for one member: the other member's messages, session changes, pins. */
export const PAIR_NEWS_KINDS = ['message', 'session', 'pin'] as const;

/**
 * What the home's pair card and the header's notification count read of one pair, for one of its members: computed
 * from the pair's document by `summarisePair` (on the server for the mentorship list, on the device whenever the
 * document is open), so that the home and the header need no Yjs. Only ever sent to a member of the pair.
 */
export const PairSummarySchema = v.object({
  /** When it was computed (ISO); a device keeps the newest. */
  computedAt: v.string(),
  /** The next sessions (at most 3, soonest first) as `agenda` listed them then: the card shows the first still ahead. */
  upcoming: v.array(
    v.object({
      title: v.string(),
      /** Start and end once accepted; null while an offer waits for an answer. */
      accepted: v.nullable(v.object({ start: v.string(), end: v.string() })),
      /** The offered slots (start instants), for an offer still waiting. */
      slots: v.array(v.string()),
      videoUrl: v.string(),
      place: v.string()
    })
  ),
  /** Messages of the other member this member has not read. */
  unread: v.number(),
  progress: v.object({
    phaseTitle: v.string(),
    stepsDone: v.number(),
    stepsTotal: v.number(),
    goalsDone: v.number(),
    goalsTotal: v.number()
  }),
  /** The three notes changed last (not in the bin). */
  latestNotes: v.array(v.object({ id: v.string(), title: v.string(), updatedAt: v.string() })),
  /**
   * The other member's messages, session changes and pins (newest first, at most 100: the notification list keeps no
   * more), without their text: what the header's count compares with what the member has seen.
   */
  news: v.array(
    v.object({
      id: v.string(),
      kind: v.picklist(PAIR_NEWS_KINDS),
      at: v.string(),
      /** For messages: not read yet in the conversation. */
      unread: v.boolean()
    })
  )
});
export type PairSummary = v.InferOutput<typeof PairSummarySchema>;

/**
 * The session a summary's card shows as next at `now`: the first still ahead (accepted and not over, or with a slot to
 * come). Defined beside the schema, away from Yjs: the home reads it.
 */
export function nextSummarySession(summary: PairSummary, now = new Date()): PairSummary['upcoming'][number] | null {
  const t = now.getTime();
  return (
    summary.upcoming.find((session) =>
      session.accepted ? Date.parse(session.accepted.end) > t : session.slots.some((slot) => Date.parse(slot) > t)
    ) ?? null
  );
}

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
  ending: v.optional(MentorshipEndingSchema),
  /** The caller's own pairs only: what their home card and notification count show (see `PairSummarySchema`). */
  summary: v.optional(PairSummarySchema)
});
export type Mentorship = v.InferOutput<typeof MentorshipSchema>;

export const MentorshipListSchema = v.object({ mentorships: v.array(MentorshipSchema) });
export type MentorshipList = v.InferOutput<typeof MentorshipListSchema>;

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
    message: v.string()
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
