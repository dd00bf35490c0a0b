import * as v from 'valibot';
import { AudienceSchema, IsoDateSchema, LanguageSchema, SlugSchema } from './catalogue.ts';

/**
 * Self-learning modules of the learning center: a few short lessons built on the repository's resources, then a
 * short quiz; a learner who reaches the pass mark gets a certificate of completion. Modules travel inside the
 * catalogue (`Catalogue.modules`), so a device that opened the learning center once can study and take the quiz
 * offline; the server grades the same answers again with {@link gradeQuiz} when it registers a certificate.
 */

const text = (field: string, max: number) =>
  v.pipe(
    v.string(`${field} must be a string`),
    v.trim(),
    v.minLength(1, `${field} is required`),
    v.maxLength(max, `${field} must be at most ${max} characters`)
  );

export const ModuleLessonSchema = v.object({
  id: SlugSchema,
  title: text('title', 200),
  /** Markdown; links to resources are written `resource:ID`, as in resources. */
  body: text('body', 20_000),
  /** Resources to read or use with this lesson, shown as cards under it. */
  resourceIds: v.optional(v.array(SlugSchema), [])
});
export type ModuleLesson = v.InferOutput<typeof ModuleLessonSchema>;

export const QuizQuestionSchema = v.pipe(
  v.object({
    id: SlugSchema,
    prompt: text('prompt', 500),
    options: v.pipe(
      v.array(text('an option', 300)),
      v.minLength(2, 'a question needs at least 2 options'),
      v.maxLength(6, 'a question has at most 6 options')
    ),
    /** Index into `options` of the right answer. */
    answer: v.pipe(
      v.number('answer must be a number'),
      v.integer('answer must be an integer'),
      v.minValue(0, 'answer must be an option index')
    ),
    /** Shown after the learner answers: why the right answer is right. */
    explanation: text('explanation', 800)
  }),
  v.check((q) => q.answer < q.options.length, 'answer must be the index of one of the options')
);
export type QuizQuestion = v.InferOutput<typeof QuizQuestionSchema>;

const uniqueIds = (items: readonly { id: string }[]) => new Set(items.map((item) => item.id)).size === items.length;

export const LearningModuleSchema = v.pipe(
  v.object({
    id: SlugSchema,
    title: text('title', 200),
    summary: text('summary', 600),
    audience: v.pipe(
      v.array(AudienceSchema, 'audience must be a list'),
      v.minLength(1, 'audience needs at least one entry')
    ),
    language: LanguageSchema,
    /** The collection the module belongs to, for grouping; optional. */
    collection: v.optional(SlugSchema),
    /** A realistic estimate of the time the lessons and the quiz take. */
    estimatedMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600)),
    /** Share of the quiz's questions a learner must answer right to pass, in percent. */
    passPercent: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 80),
    /** Goes up when lessons or questions change; a certificate names the version it was earned on. */
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    updatedAt: IsoDateSchema,
    lessons: v.pipe(v.array(ModuleLessonSchema), v.minLength(1, 'a module needs at least one lesson')),
    quiz: v.pipe(
      v.array(QuizQuestionSchema),
      v.minLength(1, 'a quiz needs at least one question'),
      v.maxLength(30, 'a quiz has at most 30 questions')
    ),
    sample: v.optional(v.boolean(), false)
  }),
  v.check((m) => uniqueIds(m.lessons), 'lesson ids must be unique within a module'),
  v.check((m) => uniqueIds(m.quiz), 'question ids must be unique within a module')
);
export type LearningModule = v.InferOutput<typeof LearningModuleSchema>;

/** A learner's answers: question id → index of the chosen option. Unanswered questions are left out. */
export const QuizAnswersSchema = v.pipe(
  v.record(
    SlugSchema,
    v.pipe(
      v.number('an answer must be a number'),
      v.integer('an answer must be an integer'),
      v.minValue(0, 'an answer must be an option index')
    )
  ),
  v.check((answers) => Object.keys(answers).length <= 30, 'at most 30 answers')
);
export type QuizAnswers = v.InferOutput<typeof QuizAnswersSchema>;

export interface QuizGrade {
  correct: number;
  total: number;
  /** Rounded down, so a learner never sees a pass mark reached that was not. */
  percent: number;
  passed: boolean;
  /** Per question, in quiz order: whether the answer given was right (false when unanswered). */
  right: boolean[];
  unanswered: number;
}

/**
 * Grades answers against a module's quiz: the app does it offline, the server again before it registers a
 * certificate. Answers to questions the quiz no longer has are ignored; an option index out of range counts wrong.
 */
export function gradeQuiz(
  module: Pick<LearningModule, 'quiz' | 'passPercent'>,
  answers: Readonly<Record<string, number>>
): QuizGrade {
  const right = module.quiz.map((question) => answerOf(answers, question.id) === question.answer);
  const correct = right.filter(Boolean).length;
  const total = module.quiz.length;
  const unanswered = module.quiz.filter((question) => answerOf(answers, question.id) === undefined).length;
  // Integer arithmetic for the pass decision: 4 of 5 at 80% passes exactly.
  return {
    correct,
    total,
    percent: Math.floor((correct * 100) / total),
    passed: correct * 100 >= module.passPercent * total,
    right,
    unanswered
  };
}

/**
 * The answer given to one question. Own properties only: a question id such as `constructor` must not find
 * `Object.prototype.constructor` in a plain answers object.
 */
export function answerOf(answers: Readonly<Record<string, number>>, questionId: string): number | undefined {
  return Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
}

/** The length limit of a learner's name on a certificate. */
export const LEARNER_NAME_MAX = 120;

/**
 * A learner's name as printed on a certificate: trimmed, 1–120 characters, without control characters or the bidi
 * overrides that could make a printed name read differently from what was typed. Other format characters (ZWJ, ZWNJ,
 * marks) stay allowed: names in many scripts and emoji need them.
 */
export const LearnerNameSchema = v.pipe(
  v.string('learnerName must be a string'),
  v.trim(),
  v.minLength(1, 'learnerName is required'),
  v.maxLength(LEARNER_NAME_MAX, `learnerName must be at most ${LEARNER_NAME_MAX} characters`),
  v.regex(/^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u, 'learnerName must not contain control characters')
);

/** A timestamp string that is both ISO 8601 and one `Date` can read (valibot accepts forms such as `+01` that it cannot). */
const readableTimestamp = (field: string) =>
  v.pipe(
    v.string(`${field} must be a string`),
    v.isoTimestamp(`${field} must be an ISO timestamp`),
    v.check(
      (value) => Number.isFinite(Date.parse(value)),
      `${field} must be an ISO timestamp such as 2026-03-01T09:30:00Z`
    )
  );

/**
 * `POST /api/modules/:id/certificates` (no account needed): registers a certificate for answers that pass the
 * module's quiz. `requestId` is made by the device once per passed attempt, so a retry after a lost answer returns
 * the same certificate instead of a second one.
 */
export const CertificateRequestSchema = v.strictObject(
  {
    requestId: v.pipe(
      v.string('requestId must be a string'),
      v.regex(/^[A-Za-z0-9_-]{16,64}$/, 'requestId must be 16–64 letters, digits, - or _')
    ),
    learnerName: LearnerNameSchema,
    answers: QuizAnswersSchema,
    /** The module version the quiz was taken on: if the server's module changed since, a failing grade says so (409). */
    moduleVersion: v.pipe(
      v.number('moduleVersion must be a number'),
      v.integer('moduleVersion must be an integer'),
      v.minValue(1, 'moduleVersion starts at 1')
    ),
    /** When the learner passed, perhaps offline and days before the device could register it. */
    completedAt: readableTimestamp('completedAt')
  },
  'is not a known field'
);
export type CertificateRequest = v.InferOutput<typeof CertificateRequestSchema>;

/** Verification codes: 12 characters of an alphabet without look-alikes, shown as `ABCD-EFGH-JKLM`. */
export const CERTIFICATE_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CertificateCodeSchema = v.pipe(
  v.string(),
  v.regex(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/, 'a certificate code looks like ABCD-EFGH-JKLM')
);

/** A registered certificate, as `POST …/certificates` and `GET /api/certificates/:code` return it. */
export const CertificateSchema = v.object({
  code: CertificateCodeSchema,
  moduleId: SlugSchema,
  moduleTitle: v.string(),
  moduleVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  learnerName: v.string(),
  percent: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  completedAt: v.pipe(v.string(), v.isoTimestamp()),
  issuedAt: v.pipe(v.string(), v.isoTimestamp())
});
export type Certificate = v.InferOutput<typeof CertificateSchema>;

/** Turns a code typed by a person (lower case, spaces, no dashes) into the canonical `ABCD-EFGH-JKLM`, or null. */
export function normaliseCertificateCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, '');
  if (plain.length !== 12) return null;
  const code = `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
  return v.is(CertificateCodeSchema, code) ? code : null;
}
