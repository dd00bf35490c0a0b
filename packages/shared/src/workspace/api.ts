import * as v from 'valibot';
import { GOAL_STATUSES } from './goal-statuses.ts';

/**
 * REST payloads of the mentoring workspace, defined once for the app and the server (see docs/workspace.md).
 * Types are derived from the schemas.
 */

/** One point of the small progress chart: cumulative counts at the end of a week (Monday-based, UTC). */
export const ProgressPointSchema = v.object({
  /** The Monday (UTC) the week starts on, `YYYY-MM-DD`. */
  week: v.string(),
  stepsDone: v.number(),
  goalsDone: v.number(),
  sessionsHeld: v.number()
});
export type ProgressPoint = v.InferOutput<typeof ProgressPointSchema>;

/**
 * What `summariseProgress` computes, and what coordinators receive per pair. It holds counts, framework step ids and
 * times only: never note, reflection, goal or message text.
 */
export const ProgressSummarySchema = v.object({
  /** The current MENTRA phase: the first with a step not done (the last one once everything is done). */
  phase: v.object({
    id: v.string(),
    title: v.string(),
    index: v.number(),
    stepsDone: v.number(),
    stepsTotal: v.number()
  }),
  stepsDone: v.number(),
  stepsTotal: v.number(),
  doneStepIds: v.array(v.string()),
  goalsByStatus: v.object(
    Object.fromEntries(GOAL_STATUSES.map((status) => [status, v.number()])) as Record<
      (typeof GOAL_STATUSES)[number],
      v.NumberSchema<undefined>
    >
  ),
  goalsTotal: v.number(),
  sessionsHeld: v.number(),
  sessionsUpcoming: v.number(),
  nextSessionAt: v.nullable(v.string()),
  /** The latest change of any kind in the pair's document (a time only), or null for an untouched pair. */
  lastActivity: v.nullable(v.string()),
  history: v.array(ProgressPointSchema)
});
export type ProgressSummary = v.InferOutput<typeof ProgressSummarySchema>;

/** `GET /api/programmes/:id/progress`: one entry per pair of the programme. */
export const ProgrammeProgressSchema = v.object({
  programmeId: v.string(),
  pairs: v.array(
    v.object({
      mentorshipId: v.string(),
      status: v.picklist(['active', 'closed']),
      /** Whether a coordinator may still unpublish it: published from a matching run and neither member opened it. */
      unpublishable: v.boolean(),
      mentor: v.object({ id: v.string(), name: v.string() }),
      mentee: v.object({ id: v.string(), name: v.string() }),
      progress: ProgressSummarySchema
    })
  )
});
export type ProgrammeProgress = v.InferOutput<typeof ProgrammeProgressSchema>;

/** `POST /api/calendar/token`: the new private feed URL (the old one stops working). */
export const CalendarTokenResponseSchema = v.object({
  feedUrl: v.string(),
  /** The same feed as `webcal://`, which calendar apps open as a subscription. */
  webcalUrl: v.string(),
  createdAt: v.string()
});
export type CalendarTokenResponse = v.InferOutput<typeof CalendarTokenResponseSchema>;

/** `GET /api/calendar/token`: whether the user has a feed (the URL itself is shown only once, when created). */
export const CalendarTokenStatusSchema = v.object({ active: v.boolean(), createdAt: v.nullable(v.string()) });
export type CalendarTokenStatus = v.InferOutput<typeof CalendarTokenStatusSchema>;

/** A file uploaded to a pair (`POST /api/mentorships/:id/files?name=`); pin it with `addPin(…, { kind: 'file', file })`. */
export const PairFileSchema = v.object({
  fileId: v.string(),
  name: v.string(),
  mediaType: v.string(),
  size: v.number(),
  sha256: v.string(),
  uploadedBy: v.string(),
  createdAt: v.string()
});
export type PairFile = v.InferOutput<typeof PairFileSchema>;

/** Largest file a pair can upload. */
export const MAX_PAIR_FILE_BYTES = 20 * 1024 * 1024;
/** Files a pair can hold (quota; refused with `pair_file_quota`). */
export const MAX_PAIR_FILES = 100;
/** Bytes of the files a pair can hold (quota; refused with `pair_file_quota`). */
export const MAX_PAIR_FILES_BYTES = 200 * 1024 * 1024;
/** Bytes of the files one person can upload over all their pairs (quota; refused with `user_file_quota`). */
export const MAX_USER_FILES_BYTES = 500 * 1024 * 1024;
