import * as v from 'valibot';
import { MentorshipSchema } from './api.ts';

/**
 * REST payloads of the matching workflow (`/api/programmes/*`, `/api/match-requests/*`), defined once for the app
 * and the server. Request schemas are strict: an unknown field is a 400 naming it, so a typo never silently changes
 * a matching. See sync-server/README.md, "Matching API", for the endpoints.
 */

const Id = v.pipe(
  v.string('must be a string'),
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a record id (a-z, 0-9, -)')
);

export const MATCHING_MODES = ['optimal', 'stable', 'greedy'] as const;
export const MatchingModeSchema = v.picklist(MATCHING_MODES, 'mode must be one of optimal, stable, greedy');
export type MatchingMode = v.InferOutput<typeof MatchingModeSchema>;

/** The criteria the engine scores, in the order of a breakdown. */
export const MATCHING_CRITERIA = [
  'sectors',
  'skills',
  'goals',
  'languages',
  'timeZone',
  'availability',
  'preference'
] as const;
export type MatchingCriterion = (typeof MATCHING_CRITERIA)[number];

export const PROGRAMME_ROLES = ['admin', 'coordinator', 'mentor', 'mentee'] as const;
export const ProgrammeRoleSchema = v.picklist(PROGRAMME_ROLES);

/** `GET /api/programmes`: each programme with the caller's role in it (`admin` for an admin who is not a member). */
export const ProgrammeSummarySchema = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  /** The caller's strongest role here: admin > coordinator > mentor > mentee. */
  role: ProgrammeRoleSchema,
  /** Every role the caller holds in the programme (empty for an admin who is not a member). */
  roles: v.array(ProgrammeRoleSchema),
  /** Whether mentees may browse mentors and send match requests. */
  selfMatching: v.boolean()
});
export type ProgrammeSummary = v.InferOutput<typeof ProgrammeSummarySchema>;
export const ProgrammeListSchema = v.object({ programmes: v.array(ProgrammeSummarySchema) });
export type ProgrammeList = v.InferOutput<typeof ProgrammeListSchema>;

/** `GET /api/programmes/:id/participants`: one mentor or mentee. */
export const ParticipantSchema = v.object({
  userId: v.string(),
  name: v.string(),
  email: v.string(),
  role: v.picklist(['mentor', 'mentee']),
  profileDocName: v.string(),
  profileComplete: v.boolean(),
  /** Questionnaire fields still missing (see `missingProfileFields`). */
  missingFields: v.array(v.string()),
  profileUpdatedAt: v.nullable(v.string()),
  /** Active mentorships of this person in the programme. */
  activeMentorships: v.number(),
  /** Mentors: capacity from the profile (null when not given). */
  capacity: v.nullable(v.number()),
  /** Mentors: capacity minus active mentorships; mentees: 1 when not in an active mentorship, else 0. */
  freeCapacity: v.number()
});
export type Participant = v.InferOutput<typeof ParticipantSchema>;
export const ParticipantListSchema = v.object({ programmeId: v.string(), participants: v.array(ParticipantSchema) });
export type ParticipantList = v.InferOutput<typeof ParticipantListSchema>;

const Weight = v.pipe(
  v.number('weight must be a number'),
  v.integer('weight must be an integer'),
  v.minValue(0, 'weight must not be negative'),
  v.maxValue(1000, 'weight must be at most 1000')
);

export const MatchingWeightsSchema = v.object({
  sectors: Weight,
  skills: Weight,
  goals: Weight,
  languages: Weight,
  timeZone: Weight,
  availability: Weight,
  preference: Weight
});
export const MatchingRulesSchema = v.object({
  sharedLanguage: v.boolean(),
  maxTimeZoneGapHours: v.nullable(
    v.pipe(v.number('maxTimeZoneGapHours must be a number or null'), v.minValue(0), v.maxValue(12))
  ),
  minOverlapMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10080)),
  differentOrganisation: v.boolean()
});

/** A programme's matching settings (`GET/PUT /api/programmes/:id/matching/settings`). */
export const MatchingSettingsSchema = v.object({
  weights: MatchingWeightsSchema,
  rules: MatchingRulesSchema,
  /** Overlap (minutes a week) that earns full availability points. */
  availabilityTargetMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10080)),
  mode: MatchingModeSchema,
  maximizeMatched: v.boolean(),
  selfMatching: v.boolean(),
  updatedAt: v.nullable(v.string())
});
export type MatchingSettings = v.InferOutput<typeof MatchingSettingsSchema>;

/** `PUT …/matching/settings`: any subset; `weights` and `rules` are merged key by key. */
export const MatchingSettingsUpdateSchema = v.strictObject({
  weights: v.optional(
    v.strictObject(
      Object.fromEntries(MATCHING_CRITERIA.map((c) => [c, v.optional(Weight)])) as Record<
        MatchingCriterion,
        v.OptionalSchema<typeof Weight, undefined>
      >
    )
  ),
  rules: v.optional(
    v.strictObject({
      sharedLanguage: v.optional(v.boolean('sharedLanguage must be true or false')),
      maxTimeZoneGapHours: v.optional(MatchingRulesSchema.entries.maxTimeZoneGapHours),
      minOverlapMinutes: v.optional(MatchingRulesSchema.entries.minOverlapMinutes),
      differentOrganisation: v.optional(v.boolean('differentOrganisation must be true or false'))
    })
  ),
  availabilityTargetMinutes: v.optional(MatchingSettingsSchema.entries.availabilityTargetMinutes),
  mode: v.optional(MatchingModeSchema),
  maximizeMatched: v.optional(v.boolean('maximizeMatched must be true or false')),
  selfMatching: v.optional(v.boolean('selfMatching must be true or false'))
});
export type MatchingSettingsUpdate = v.InferOutput<typeof MatchingSettingsUpdateSchema>;

/** A pair as sent by the coordinator: `[menteeId, mentorId]`. */
export const PairTupleSchema = v.tuple([Id, Id], 'a pair must be [menteeId, mentorId]');
export type PairTuple = v.InferOutput<typeof PairTupleSchema>;
const Pairs = v.pipe(v.array(PairTupleSchema, 'must be an array of [menteeId, mentorId]'), v.maxLength(5000));

/** `POST …/matching/runs`: mode and maximizeMatched default to the programme's settings. */
export const MatchingRunRequestSchema = v.strictObject({
  mode: v.optional(MatchingModeSchema),
  maximizeMatched: v.optional(v.boolean('maximizeMatched must be true or false')),
  /** Pairs fixed by the coordinator; they use up capacity and are kept even if they break a rule (shown). */
  locks: v.optional(Pairs, []),
  /** Pairs never to propose. */
  forbids: v.optional(Pairs, []),
  /**
   * A run of this programme that the new run revises (the app sends the draft being reviewed): its pairs are kept
   * wherever that costs no score and no matched person (`optimal` mode only; `stable` and `greedy` just report how
   * many stayed), so a re-run after a few decisions does not reshuffle equally good pairs.
   */
  basedOn: v.optional(Id)
});
export type MatchingRunRequest = v.InferOutput<typeof MatchingRunRequestSchema>;

/** `POST …/runs/:runId/publish`: without `pairs` the run's proposed pairs are published as they are. */
export const PublishRunRequestSchema = v.strictObject({ pairs: v.optional(Pairs) });
export type PublishRunRequest = v.InferOutput<typeof PublishRunRequestSchema>;

const Breakdown = v.record(v.string(), v.number());
const PersonRef = v.object({ id: v.string(), name: v.string() });

/** One proposed pair, as the engine explains it, with names. */
export const ProposedPairSchema = v.object({
  mentee: PersonRef,
  mentor: PersonRef,
  score: v.number(),
  locked: v.boolean(),
  /** Points per criterion; they add up to `score`. */
  breakdown: Breakdown,
  details: v.object({
    sharedSectors: v.array(v.string()),
    matchedSkills: v.array(v.string()),
    sharedGoals: v.array(v.string()),
    sharedLanguages: v.array(v.string()),
    timeZoneGapHours: v.number(),
    overlapMinutesPerWeek: v.number(),
    menteeRank: v.nullable(v.number())
  }),
  rulesMet: v.array(v.string()),
  /** Only a locked pair can break a rule; such a pair cannot be published. */
  rulesBroken: v.array(v.string())
});
export type ProposedPair = v.InferOutput<typeof ProposedPairSchema>;

/**
 * Someone left out of a run. Engine reasons: `no-eligible-mentor` (with `excludedBy`: how many mentors each rule
 * excluded), `capacity-exhausted` (eligible mentors are all full), `no-eligible-mentee` /
 * `eligible-mentees-all-matched` (mentors with room left). Reasons decided before the run: `profile-incomplete`,
 * `already-matched` (mentee in an active mentorship), `no-free-capacity` (mentor full with active mentorships).
 */
export const UnmatchedPersonSchema = v.object({
  person: PersonRef,
  role: v.picklist(['mentor', 'mentee']),
  reason: v.string(),
  excludedBy: v.optional(v.record(v.string(), v.number())),
  eligible: v.optional(v.number()),
  bestEligible: v.optional(v.array(PersonRef)),
  capacity: v.optional(v.number()),
  used: v.optional(v.number())
});
export type UnmatchedPerson = v.InferOutput<typeof UnmatchedPersonSchema>;

export const MatchingRunSchema = v.object({
  id: v.string(),
  programmeId: v.string(),
  status: v.picklist(['draft', 'published']),
  createdAt: v.string(),
  createdBy: v.string(),
  publishedAt: v.nullable(v.string()),
  mode: MatchingModeSchema,
  maximizeMatched: v.boolean(),
  locks: v.array(PairTupleSchema),
  forbids: v.array(PairTupleSchema),
  /** The settings the run used. */
  settings: MatchingSettingsSchema,
  summary: v.object({
    mentees: v.number(),
    mentors: v.number(),
    totalCapacity: v.number(),
    matched: v.number(),
    locked: v.number(),
    unmatchedMentees: v.number(),
    totalScore: v.number(),
    minScore: v.nullable(v.number()),
    meanScore: v.nullable(v.number()),
    blockingPairs: v.nullable(v.number()),
    /** How many pairs of the `basedOn` run this run kept (null or absent when it revised none). */
    keptPrevious: v.optional(v.nullable(v.number()))
  }),
  /** The run this one revised (`basedOn` of the request), if any. */
  basedOn: v.optional(v.nullable(v.string())),
  pairs: v.array(ProposedPairSchema),
  /** Mentees the engine could not match, mentors with room left, and people left out before the run. */
  unmatched: v.array(UnmatchedPersonSchema),
  /** After publishing: the mentorship id of each published pair, in the published order. */
  mentorshipIds: v.array(v.string())
});
export type MatchingRun = v.InferOutput<typeof MatchingRunSchema>;

/** One run in `GET /api/programmes/:id/matching/runs` (newest first): enough to find it again, without its pairs. */
export const MatchingRunListItemSchema = v.object({
  id: v.string(),
  status: MatchingRunSchema.entries.status,
  mode: MatchingModeSchema,
  createdAt: v.string(),
  publishedAt: v.nullable(v.string()),
  summary: v.object({ mentees: v.number(), mentors: v.number(), matched: v.number(), unmatchedMentees: v.number() })
});
export type MatchingRunListItem = v.InferOutput<typeof MatchingRunListItemSchema>;
export const MatchingRunListSchema = v.object({ programmeId: v.string(), runs: v.array(MatchingRunListItemSchema) });
export type MatchingRunList = v.InferOutput<typeof MatchingRunListSchema>;

export const PublishRunResponseSchema = v.object({ run: MatchingRunSchema, mentorships: v.array(MentorshipSchema) });
export type PublishRunResponse = v.InferOutput<typeof PublishRunResponseSchema>;

/**
 * A mentor's public profile, as mentees of the programme may see it: questionnaire answers about the mentor's
 * offer, never their availability, capacity answer, e-mail or anything they wrote about others.
 */
export const MentorPublicProfileSchema = v.object({
  userId: v.string(),
  displayName: v.string(),
  headline: v.string(),
  bio: v.string(),
  sectors: v.array(v.string()),
  skillsOffered: v.array(v.string()),
  goals: v.array(v.string()),
  languages: v.array(v.string()),
  country: v.string(),
  timeZone: v.string(),
  organisation: v.string(),
  /** Places left: capacity minus active mentorships in this programme (0 when full). */
  freeCapacity: v.number()
});
export type MentorPublicProfile = v.InferOutput<typeof MentorPublicProfileSchema>;

/**
 * `GET /api/programmes/:id/mentors`: every mentor of the programme with a complete profile, full or not, in name
 * order. Mentees use it to rank their preferred mentors (the profile's `ranking`), which the coordinator's matching
 * tries to honour; unlike `mentors/available` it does not depend on self-matching.
 */
export const ProgrammeMentorListSchema = v.object({
  programmeId: v.string(),
  mentors: v.array(MentorPublicProfileSchema)
});
export type ProgrammeMentorList = v.InferOutput<typeof ProgrammeMentorListSchema>;

/** `GET /api/programmes/:id/mentors/available`: a mentor's public profile with room left, for self-matching. */
export const AvailableMentorSchema = v.object({
  ...MentorPublicProfileSchema.entries,
  /** The caller has a pending request to this mentor. */
  requested: v.boolean()
});
export type AvailableMentor = v.InferOutput<typeof AvailableMentorSchema>;
export const AvailableMentorListSchema = v.object({
  programmeId: v.string(),
  mentors: v.array(AvailableMentorSchema),
  /** True when the caller already has an active mentor in this programme: they cannot ask for another. */
  matched: v.optional(v.boolean())
});
export type AvailableMentorList = v.InferOutput<typeof AvailableMentorListSchema>;

export const MatchRequestCreateSchema = v.strictObject({
  mentorId: Id,
  message: v.pipe(
    v.string('message must be a string'),
    v.trim(),
    v.maxLength(2000, 'message must be at most 2000 characters')
  )
});
export type MatchRequestCreate = v.InferOutput<typeof MatchRequestCreateSchema>;

export const MATCH_REQUEST_STATUSES = ['pending', 'accepted', 'declined'] as const;
export const MatchRequestSchema = v.object({
  id: v.string(),
  programmeId: v.string(),
  programmeName: v.string(),
  mentee: PersonRef,
  mentor: PersonRef,
  message: v.string(),
  status: v.picklist(MATCH_REQUEST_STATUSES),
  createdAt: v.string(),
  decidedAt: v.nullable(v.string()),
  /** Set once accepted. */
  mentorshipId: v.nullable(v.string())
});
export type MatchRequest = v.InferOutput<typeof MatchRequestSchema>;
export const MatchRequestListSchema = v.object({ requests: v.array(MatchRequestSchema) });
export type MatchRequestList = v.InferOutput<typeof MatchRequestListSchema>;

/** `POST /api/match-requests/:id/accept`: the accepted request and the mentorship it created. */
export const AcceptMatchRequestResponseSchema = v.object({
  request: MatchRequestSchema,
  mentorship: v.nullable(MentorshipSchema)
});
export type AcceptMatchRequestResponse = v.InferOutput<typeof AcceptMatchRequestResponseSchema>;
