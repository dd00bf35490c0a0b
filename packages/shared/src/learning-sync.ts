import * as v from 'valibot';
import { SlugSchema } from './catalogue.ts';
import { CertificateSchema, QuizAnswersSchema } from './modules.ts';

/**
 * A signed-in learner's self-learning progress and certificates, kept per account so they follow the learner to
 * every device: `POST /api/me/learning` sends what this device has (progress, and the request ids of certificates it
 * registered without an account) and answers with everything the account holds; `DELETE
 * /api/me/learning/progress/:moduleId` is "Start over". Progress only grows (lessons done, attempts), so both ends
 * merge it with `mergeModuleProgress` and the order in which devices sync does not matter.
 */
const MAX_SYNCED_ATTEMPTS = 50;
const MAX_SYNCED_LESSONS = 200;

const Timestamp = v.pipe(
  v.string(),
  v.isoTimestamp(),
  v.check((value) => Number.isFinite(Date.parse(value)), 'must be a readable ISO timestamp')
);
const RequestId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a request id'));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** One quiz attempt, graded on the device. */
const ModuleAttemptSchema = v.object({
  at: Timestamp,
  moduleVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  correct: Count,
  total: Count,
  percent: v.pipe(Count, v.maxValue(100)),
  passed: v.boolean(),
  answers: QuizAnswersSchema,
  requestId: v.optional(RequestId)
});
type ModuleAttemptWire = v.InferOutput<typeof ModuleAttemptSchema>;

/** A learner's way through one module: lessons done (in order) and quiz attempts (oldest first). */
const ModuleProgressSchema = v.object({
  moduleId: SlugSchema,
  lessonsDone: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(MAX_SYNCED_LESSONS)),
  attempts: v.pipe(v.array(ModuleAttemptSchema), v.maxLength(MAX_SYNCED_ATTEMPTS)),
  updatedAt: Timestamp
});
export type ModuleProgressWire = v.InferOutput<typeof ModuleProgressSchema>;

export const LearningSyncRequestSchema = v.strictObject({
  progress: v.pipe(v.array(ModuleProgressSchema), v.maxLength(200)),
  /** Certificates this device registered before signing in: the account takes those nobody owns yet. */
  certificateRequestIds: v.pipe(v.array(RequestId), v.maxLength(500))
});

/** A certificate of the account, with the device request id that registered it (the app's key for it). */
const AccountCertificateSchema = v.object({ ...CertificateSchema.entries, requestId: RequestId });
export type AccountCertificate = v.InferOutput<typeof AccountCertificateSchema>;

export const LearningStateSchema = v.object({
  progress: v.array(ModuleProgressSchema),
  certificates: v.array(AccountCertificateSchema)
});
export type LearningState = v.InferOutput<typeof LearningStateSchema>;

/**
 * The union of two records of the same module: every lesson done on either (first one's order, then the other's new
 * ones) and every attempt of either (one per time and request id, oldest first, the latest `MAX_SYNCED_ATTEMPTS`).
 */
export function mergeModuleProgress(a: ModuleProgressWire, b: ModuleProgressWire): ModuleProgressWire {
  const lessonsDone = [...new Set([...a.lessonsDone, ...b.lessonsDone])].slice(0, MAX_SYNCED_LESSONS);
  const attempts = new Map<string, ModuleAttemptWire>();
  for (const attempt of [...a.attempts, ...b.attempts])
    attempts.set(`${attempt.at}|${attempt.requestId ?? ''}`, attempt);
  return {
    moduleId: a.moduleId,
    lessonsDone,
    attempts: [...attempts.values()].sort((x, y) => x.at.localeCompare(y.at)).slice(-MAX_SYNCED_ATTEMPTS),
    updatedAt: a.updatedAt > b.updatedAt ? a.updatedAt : b.updatedAt
  };
}
