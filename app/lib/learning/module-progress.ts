import * as v from 'valibot';
import { LearnerNameSchema, LEARNER_NAME_MAX, answerOf, type LearningModule, type QuizQuestion } from '@mop/shared';
import type { StoredModuleProgress } from './learning-db';

/** Where a learner stands in a module, for cards, progress bars and the "Continue" button. */
export interface ModuleStatus {
  state: 'not-started' | 'in-progress' | 'passed';
  lessonsDone: number;
  lessonCount: number;
  /** Lessons done plus the quiz passed, as one bar: 0–100. */
  percent: number;
  /** What "Continue" opens: the first lesson not done yet, else the quiz. */
  next: { kind: 'lesson'; lessonId: string } | { kind: 'quiz' };
  attempts: number;
  /** The best quiz result so far, in percent; null before the first attempt. */
  bestPercent: number | null;
}

/** The status of `module` for the progress stored on this device (undefined: never opened). */
export function moduleStatus(module: LearningModule, progress: StoredModuleProgress | undefined): ModuleStatus {
  const done = new Set(progress?.lessonsDone ?? []);
  const lessonsDone = module.lessons.filter((lesson) => done.has(lesson.id)).length;
  const attempts = progress?.attempts ?? [];
  const passed = attempts.some((attempt) => attempt.passed);
  const firstOpen = module.lessons.find((lesson) => !done.has(lesson.id));
  const steps = module.lessons.length + 1;
  const started = lessonsDone > 0 || attempts.length > 0 || Object.keys(progress?.draftAnswers ?? {}).length > 0;
  return {
    state: passed ? 'passed' : started ? 'in-progress' : 'not-started',
    lessonsDone,
    lessonCount: module.lessons.length,
    percent: Math.round(((lessonsDone + (passed ? 1 : 0)) * 100) / steps),
    next: firstOpen ? { kind: 'lesson', lessonId: firstOpen.id } : { kind: 'quiz' },
    attempts: attempts.length,
    bestPercent: attempts.length > 0 ? Math.max(...attempts.map((attempt) => attempt.percent)) : null
  };
}

/** A lesson's place in its module: its index and the lessons before and after it (null at either end). */
export function lessonPlace(
  module: LearningModule,
  lessonId: string
): { index: number; previous: string | null; next: string | null } | null {
  const index = module.lessons.findIndex((lesson) => lesson.id === lessonId);
  if (index < 0) return null;
  return { index, previous: module.lessons[index - 1]?.id ?? null, next: module.lessons[index + 1]?.id ?? null };
}

/** The questions not answered yet (an answer outside a question's options counts as not answered). */
export function unansweredQuestions(module: LearningModule, answers: Readonly<Record<string, number>>): QuizQuestion[] {
  return module.quiz.filter((question) => {
    const answer = answerOf(answers, question.id);
    return answer === undefined || answer < 0 || answer >= question.options.length;
  });
}

/** Answers kept for questions the (possibly updated) module still has, with an option index still in range. */
export function keptAnswers(module: LearningModule, answers: Readonly<Record<string, number>>): Record<string, number> {
  const kept: Record<string, number> = {};
  for (const question of module.quiz) {
    const answer = answerOf(answers, question.id);
    if (answer !== undefined && answer >= 0 && answer < question.options.length) kept[question.id] = answer;
  }
  return kept;
}

/** What is wrong with a name typed for a certificate, checked with the server's own schema; null when it is fine. */
export function learnerNameProblem(name: string): 'empty' | 'too-long' | 'characters' | null {
  if (v.safeParse(LearnerNameSchema, name).success) return null;
  const trimmed = name.trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length > LEARNER_NAME_MAX) return 'too-long';
  return 'characters';
}

/**
 * Whether the server's refusal of a certificate is final for this request (retrying the same request cannot help):
 * the server's own JSON refusals of the request itself (400 bad field, 404 no such module, 409 module updated or id
 * reused, 422 not passed). Anything else (408, 429, 5xx, or an error page from a proxy or captive portal, whose code is
 * not the server's) leaves the certificate waiting for the next try.
 */
export function refusalIsFinal(status: number, code: string): boolean {
  if (code === 'http_error' || code === 'bad_response') return false;
  return status === 400 || status === 404 || status === 409 || status === 422;
}
