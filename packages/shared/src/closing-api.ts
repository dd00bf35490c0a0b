import * as v from 'valibot';

/**
 * The end of a mentorship (issue 14): why it ended, the closing feedback of each member, the questions a coordinator
 * adds per programme, and the programme reports built on them. Reports carry counts only: no note, message, goal or
 * feedback text ever appears in a report or an export.
 */

/** Why a pair ended. `not-a-fit` offers the mentee re-matching (the ended pair is excluded from later runs). */
export const END_REASONS = ['completed', 'not-a-fit', 'left', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];
/**
 * How a report counts ended pairs: the reasons people choose, and `account-deleted` for a pair closed because one of
 * its members deleted their account (closed with no reason; nobody chose one).
 */
export const REPORT_END_REASONS = [...END_REASONS, 'account-deleted'] as const;
export type ReportEndReason = (typeof REPORT_END_REASONS)[number];

/** The longest end note and free-text feedback answer. */
export const CLOSING_TEXT_MAX = 2000;
/** How many questions a coordinator may add to a programme's closing feedback, and how long each may be. */
export const FEEDBACK_QUESTIONS_MAX = 8;
export const FEEDBACK_QUESTION_MAX = 300;

const text = (field: string) =>
  v.pipe(
    v.string(`${field} must be a string`),
    v.trim(),
    v.maxLength(CLOSING_TEXT_MAX, `${field}: at most ${CLOSING_TEXT_MAX} characters`)
  );

/** `POST /api/mentorships/:id/end`. */
export const EndMentorshipSchema = v.strictObject({
  reason: v.picklist(END_REASONS, `reason must be one of ${END_REASONS.join(', ')}`),
  note: v.optional(text('note'), '')
});
export type EndMentorship = v.InferOutput<typeof EndMentorshipSchema>;

/** How a pair ended, on the mentorship itself (the pair and the programme's coordinators see it). */
export const MentorshipEndingSchema = v.object({
  reason: v.picklist(END_REASONS),
  /** Who ended it: null once that account was erased. */
  endedBy: v.nullable(v.object({ id: v.string(), name: v.string() })),
  endedAt: v.string(),
  note: v.string(),
  /** True for the mentee of a `not-a-fit` ending: they are back in the pool for the next matching run. */
  rematchOffered: v.boolean()
});
export type MentorshipEnding = v.InferOutput<typeof MentorshipEndingSchema>;

/** `POST /api/mentorships/:id/end` answers with the ending. */
/**
 * `GET /api/mentorships/:id/withdrawn`: whether a coordinator withdrew (unpublished) this pair of the caller's, so its
 * old links say so instead of "Page not found".
 */
export const MentorshipWithdrawnSchema = v.object({ withdrawn: v.boolean() });
export type MentorshipWithdrawn = v.InferOutput<typeof MentorshipWithdrawnSchema>;

export const EndMentorshipResultSchema = v.object({ mentorshipId: v.string(), ending: MentorshipEndingSchema });
export type EndMentorshipResult = v.InferOutput<typeof EndMentorshipResultSchema>;

/** `PUT /api/programmes/:id/feedback-questions`: the coordinator's own questions, asked after the fixed ones. */
export const FeedbackQuestionsSchema = v.strictObject({
  questions: v.pipe(
    v.array(
      v.pipe(
        v.string('questions: each question must be a string'),
        v.trim(),
        v.minLength(1, 'questions: a question cannot be empty'),
        v.maxLength(FEEDBACK_QUESTION_MAX, `questions: at most ${FEEDBACK_QUESTION_MAX} characters each`)
      ),
      'questions must be a list'
    ),
    v.maxLength(FEEDBACK_QUESTIONS_MAX, `questions: at most ${FEEDBACK_QUESTIONS_MAX}`)
  )
});
export type FeedbackQuestions = v.InferOutput<typeof FeedbackQuestionsSchema>;

const rating = (field: string) =>
  v.pipe(
    v.number(`${field} must be a number from 1 to 5`),
    v.integer(`${field} must be a whole number`),
    v.minValue(1, `${field} must be from 1 to 5`),
    v.maxValue(5, `${field} must be from 1 to 5`)
  );

/** `PUT /api/mentorships/:id/feedback`: one member's closing feedback (once per member; sent again, it replaces). */
export const FeedbackAnswerSchema = v.strictObject({
  relationshipRating: rating('relationshipRating'),
  programmeRating: rating('programmeRating'),
  helped: v.optional(text('helped'), ''),
  improve: v.optional(text('improve'), ''),
  /** One answer per programme question, in the questions' order (missing ones are empty). */
  answers: v.optional(v.pipe(v.array(text('answers')), v.maxLength(FEEDBACK_QUESTIONS_MAX)), []),
  /** The respondent agrees that the coordinator reads these answers with their name; otherwise only in totals. */
  shareIndividually: v.boolean('shareIndividually must be true or false')
});
export type FeedbackAnswer = v.InferOutput<typeof FeedbackAnswerSchema>;

/** `GET /api/mentorships/:id/feedback`: the caller's own feedback (never the other member's) and the questions. */
export const MyFeedbackSchema = v.object({
  mentorshipId: v.string(),
  questions: v.array(v.string()),
  /** Feedback opens once the pair has ended. */
  open: v.boolean(),
  mine: v.nullable(v.object({ ...FeedbackAnswerSchema.entries, submittedAt: v.string() }))
});
export type MyFeedback = v.InferOutput<typeof MyFeedbackSchema>;

/** `GET /api/programmes/:id/feedback-questions`. */
export const ProgrammeFeedbackQuestionsSchema = v.object({ programmeId: v.string(), questions: v.array(v.string()) });
export type ProgrammeFeedbackQuestions = v.InferOutput<typeof ProgrammeFeedbackQuestionsSchema>;

/** The counts of one week, for the sessions-over-time chart. */
export const ReportWeekSchema = v.object({ week: v.string(), sessionsHeld: v.number() });

const Counts = <T extends readonly string[]>(keys: T) =>
  v.object(Object.fromEntries(keys.map((key) => [key, v.number()])) as Record<T[number], v.NumberSchema<undefined>>);

/** One programme's figures for the dashboard and the funder export: counts and averages only. */
export const ProgrammeReportSchema = v.object({
  programmeId: v.string(),
  programmeName: v.string(),
  organisationName: v.nullable(v.string()),
  /** The date range the time-bound figures cover (inclusive ISO dates), or null for all time. */
  from: v.nullable(v.string()),
  to: v.nullable(v.string()),
  participants: v.object({
    invited: v.number(),
    joined: v.number(),
    profileComplete: v.number(),
    mentors: v.number(),
    mentees: v.number()
  }),
  pairs: v.object({ active: v.number(), ended: v.number(), endedByReason: Counts(REPORT_END_REASONS) }),
  sessionsHeld: v.number(),
  /** Sessions held per pair: how many pairs held 0, 1, 2, 3, 4 and 5 or more sessions. */
  sessionsPerPair: v.array(v.object({ sessions: v.string(), pairs: v.number() })),
  sessionsByWeek: v.array(ReportWeekSchema),
  stepsDone: v.number(),
  goalsReached: v.number(),
  goalsTotal: v.number(),
  feedback: v.object({
    responses: v.number(),
    relationshipAverage: v.nullable(v.number()),
    programmeAverage: v.nullable(v.number())
  }),
  /** Active-pair members with no activity in their pair for `inactiveWeeks` weeks (names: for a nudge). */
  inactiveWeeks: v.number(),
  inactive: v.array(v.object({ id: v.string(), name: v.string(), lastActivity: v.nullable(v.string()) }))
});
export type ProgrammeReport = v.InferOutput<typeof ProgrammeReportSchema>;

/** The answers of one respondent who agreed to be read individually. */
export const SharedFeedbackSchema = v.object({
  mentorshipId: v.string(),
  respondent: v.object({ id: v.string(), name: v.string() }),
  role: v.picklist(['mentor', 'mentee']),
  relationshipRating: v.number(),
  programmeRating: v.number(),
  helped: v.string(),
  improve: v.string(),
  answers: v.array(v.string()),
  submittedAt: v.string()
});

/** `GET /api/programmes/:id/feedback`: totals of everyone's ratings, and the answers of those who agreed. */
export const ProgrammeFeedbackSchema = v.object({
  programmeId: v.string(),
  questions: v.array(v.string()),
  responses: v.number(),
  relationshipAverage: v.nullable(v.number()),
  programmeAverage: v.nullable(v.number()),
  /** How many gave each rating 1..5 (index 0 is 1). */
  relationshipDistribution: v.array(v.number()),
  programmeDistribution: v.array(v.number()),
  shared: v.array(SharedFeedbackSchema)
});
export type ProgrammeFeedback = v.InferOutput<typeof ProgrammeFeedbackSchema>;

/** `GET /api/reports`: an admin's view across programmes and organisations. */
export const ReportListSchema = v.object({ reports: v.array(ProgrammeReportSchema) });
export type ReportList = v.InferOutput<typeof ReportListSchema>;

/** The query of the report routes: an optional date range (ISO dates) and the inactivity threshold in weeks. */
export const ReportQuerySchema = v.object({
  from: v.optional(v.pipe(v.string(), v.isoDate('from must be a date (YYYY-MM-DD)'))),
  to: v.optional(v.pipe(v.string(), v.isoDate('to must be a date (YYYY-MM-DD)'))),
  inactiveWeeks: v.optional(
    v.pipe(
      v.string(),
      v.transform(Number),
      v.number(),
      v.integer('inactiveWeeks must be a whole number'),
      v.minValue(1, 'inactiveWeeks must be from 1 to 52'),
      v.maxValue(52, 'inactiveWeeks must be from 1 to 52')
    )
  )
});
export type ReportQuery = v.InferOutput<typeof ReportQuerySchema>;
