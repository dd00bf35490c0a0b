import * as v from 'valibot';

/**
 * The JSON cohort format, defined once with valibot. The TypeScript types of the engine's input are derived from
 * these schemas. See the package README for a description of every field.
 */

const Id = v.pipe(v.string('id must be a string'), v.minLength(1, 'id must not be empty'), v.maxLength(200));
const Tags = v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'tags must not be empty'))), []);
const HHMM = v.pipe(v.string(), v.regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'time must be "HH:MM" (00:00–24:00)'));

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A weekly block in the person's own time zone, e.g. `{ "day": "tue", "start": "18:00", "end": "20:00" }`. */
export const LocalBlockSchema = v.strictObject({
  day: v.picklist(DAYS, 'day must be one of mon, tue, wed, thu, fri, sat, sun'),
  start: HHMM,
  end: HHMM
});
/** A weekly block already in UTC minutes of the week (0 = Monday 00:00 UTC, 10080 = one week). */
export const UtcBlockSchema = v.strictObject({
  utcStartMinute: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10080)),
  utcEndMinute: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10080))
});
export const AvailabilityBlockSchema = v.union(
  [LocalBlockSchema, UtcBlockSchema],
  'availability block must be {day,start,end} or {utcStartMinute,utcEndMinute}'
);

const personEntries = {
  id: Id,
  name: v.optional(v.string()),
  sectors: Tags,
  skills: Tags,
  goals: Tags,
  languages: Tags,
  country: v.optional(v.string()),
  /** An IANA zone (`Europe/Berlin`) or a fixed offset (`UTC+05:30`, `UTC-3`). Defaults to UTC. */
  timeZone: v.optional(v.pipe(v.string(), v.minLength(1)), 'UTC'),
  availability: v.optional(v.array(AvailabilityBlockSchema), []),
  organisation: v.optional(v.string())
};

/** A mentor's profile: `skills` are the skills offered, `capacity` how many mentees they take (0–5). */
export const MentorSchema = v.strictObject({
  ...personEntries,
  capacity: v.pipe(
    v.number('capacity must be a number'),
    v.integer('capacity must be an integer'),
    v.minValue(0, 'capacity must be at least 0'),
    v.maxValue(5, 'capacity must be at most 5')
  )
});
/** A mentee's profile: `skills` are the skills wanted, `ranking` their preferred mentors' ids, best first. */
export const MenteeSchema = v.strictObject({
  ...personEntries,
  ranking: v.optional(v.pipe(v.array(Id), v.maxLength(1000, 'ranking may list at most 1000 mentors')), [])
});

const Weight = v.pipe(
  v.number('weight must be a number'),
  v.integer('weight must be an integer (points)'),
  v.minValue(0, 'weight must not be negative'),
  v.maxValue(1000, 'weight must be at most 1000')
);
/** Maximum points of each criterion. A pair gets `round(weight × similarity)` points per criterion. */
export const WeightsSchema = v.strictObject({
  sectors: v.optional(Weight, 20),
  skills: v.optional(Weight, 40),
  goals: v.optional(Weight, 25),
  languages: v.optional(Weight, 5),
  timeZone: v.optional(Weight, 10),
  availability: v.optional(Weight, 15),
  preference: v.optional(Weight, 20)
});

/** Hard rules: a pair that breaks one is never proposed. */
export const RulesSchema = v.strictObject({
  sharedLanguage: v.optional(v.boolean(), true),
  maxTimeZoneGapHours: v.optional(
    v.nullable(v.pipe(v.number(), v.minValue(0, 'maxTimeZoneGapHours must not be negative'), v.maxValue(12))),
    null
  ),
  minOverlapMinutes: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0, 'minOverlapMinutes must not be negative'), v.maxValue(10080)),
    0
  ),
  differentOrganisation: v.optional(v.boolean(), false)
});

const PairSchema = v.strictObject({ mentee: Id, mentor: Id });

export const SettingsSchema = v.strictObject({
  weights: v.optional(WeightsSchema, {}),
  rules: v.optional(RulesSchema, {}),
  /** Overlap (minutes per week) at which the availability criterion gives full points. */
  availabilityTargetMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10080)), 240),
  /** The instant at which IANA zones are turned into UTC offsets, so results do not depend on the run date. */
  referenceDate: v.optional(
    v.pipe(v.string(), v.isoTimestamp('referenceDate must be an ISO timestamp like 2026-01-15T12:00:00Z')),
    '2026-01-15T12:00:00Z'
  ),
  lockedPairs: v.optional(v.array(PairSchema), []),
  forbiddenPairs: v.optional(v.array(PairSchema), []),
  pastPairs: v.optional(v.array(PairSchema), []),
  /**
   * An earlier proposal. `optimal` keeps as many of these pairs as it can without losing any score or any matched
   * person (a last tie-break), so a re-run after small edits does not reshuffle equally good pairs.
   */
  previousPairs: v.optional(v.array(PairSchema), []),
  maximizeMatched: v.optional(v.boolean(), false)
});

/**
 * The most mentees and the most mentors a cohort may have. The exact solver's arithmetic is proved exact up to this
 * (see `pairValueWeights` in objective.ts); far beyond any programme, and beyond what fits in memory at usual densities.
 */
export const MAX_PEOPLE_PER_SIDE = 1_000_000;
export const tooMany = (role: string) => `a cohort may hold at most 1,000,000 ${role}`;

export const CohortSchema = v.strictObject({
  version: v.optional(v.literal(1, 'version must be 1'), 1),
  settings: v.optional(SettingsSchema, {}),
  mentors: v.pipe(
    v.array(MentorSchema, 'mentors must be an array'),
    v.maxLength(MAX_PEOPLE_PER_SIDE, tooMany('mentors'))
  ),
  mentees: v.pipe(
    v.array(MenteeSchema, 'mentees must be an array'),
    v.maxLength(MAX_PEOPLE_PER_SIDE, tooMany('mentees'))
  )
});

/** A cohort as written in JSON (optional fields may be missing). */
export type CohortInput = v.InferInput<typeof CohortSchema>;
/** A cohort after validation, with every default filled in. */
export type Cohort = v.InferOutput<typeof CohortSchema>;
export type Mentor = v.InferOutput<typeof MentorSchema>;
export type Mentee = v.InferOutput<typeof MenteeSchema>;
export type Settings = v.InferOutput<typeof SettingsSchema>;
export type Weights = v.InferOutput<typeof WeightsSchema>;
export type Rules = v.InferOutput<typeof RulesSchema>;
export type AvailabilityBlock = v.InferOutput<typeof AvailabilityBlockSchema>;
export type Pair = v.InferOutput<typeof PairSchema>;
