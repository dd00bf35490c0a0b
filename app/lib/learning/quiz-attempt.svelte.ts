import type { LearningModule, QuizGrade } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { messageFor } from '$lib/services/errors';
import type { StoredCertificate } from './learning-db';
import { unansweredQuestions } from './module-progress';
import { saveDraftAnswers, submitQuiz } from './modules.service';

/** Where an attempt starts: the draft kept on this device, or a passed attempt shown again after a reload. */
export interface QuizStart {
  answers: Record<string, number>;
  grade: QuizGrade | null;
  certificate: StoredCertificate | null;
}

/** What "Check my answers" did: graded, stopped at unanswered questions (the first one to focus), or failed. */
export type CheckOutcome = { kind: 'graded' } | { kind: 'unanswered'; firstId: string } | { kind: 'failed' };

/**
 * One attempt at a module's quiz: the chosen answers (kept on this device after every change), the questions left
 * unanswered at the last check, the grade, and the certificate of a restored pass. The page renders it and moves
 * the focus; nothing here touches the DOM.
 */
export class QuizAttempt {
  answers = $state<Record<string, number>>({});
  grade = $state<QuizGrade | null>(null);
  /** The certificate of the restored pass; a new attempt has none yet. */
  certificate = $state<StoredCertificate | null>(null);
  /** The questions left unanswered at the last check, marked on their cards. */
  missing = $state<ReadonlySet<string>>(new Set());
  error = $state<string | null>(null);
  busy = $state(false);

  constructor(
    readonly module: LearningModule,
    start: QuizStart
  ) {
    this.answers = { ...start.answers };
    this.grade = start.grade;
    this.certificate = start.certificate;
  }

  /** How many questions have an answer. */
  get answeredCount(): number {
    return this.module.quiz.length - unansweredQuestions(this.module, this.answers).length;
  }

  /** 1-based number of a question, as the page shows it. */
  questionNumber(id: string): number {
    return this.module.quiz.findIndex((question) => question.id === id) + 1;
  }

  /** Picks an answer (not once graded) and keeps the draft on this device; a failure to keep it is only logged. */
  choose(questionId: string, option: number): Promise<void> {
    if (this.grade) return Promise.resolve();
    this.answers[questionId] = option;
    this.error = null;
    if (this.missing.has(questionId)) this.missing = new Set([...this.missing].filter((id) => id !== questionId));
    return saveDraftAnswers(this.module.id, $state.snapshot(this.answers)).then(
      () => undefined,
      (error: unknown) => console.warn('MOP: could not keep the quiz answers', error)
    );
  }

  /** "Check my answers": names the unanswered questions, or grades and records the attempt on this device. */
  async check(): Promise<CheckOutcome> {
    if (this.busy) return { kind: 'failed' };
    const unanswered = unansweredQuestions(this.module, this.answers);
    this.missing = new Set(unanswered.map((question) => question.id));
    if (unanswered.length > 0) {
      this.error =
        unanswered.length === this.module.quiz.length
          ? m.quiz_nothing_ticked()
          : m.quiz_unanswered({ numbers: unanswered.map((q) => this.questionNumber(q.id)).join(', ') });
      return { kind: 'unanswered', firstId: unanswered[0]!.id };
    }
    this.busy = true;
    try {
      this.grade = await submitQuiz(this.module, $state.snapshot(this.answers));
      return { kind: 'graded' };
    } catch (error) {
      this.error = m.modules_save_error({ message: messageFor(error) });
      return { kind: 'failed' };
    } finally {
      this.busy = false;
    }
  }

  /** Starts a new attempt from blank answers. */
  tryAgain(): void {
    this.grade = null;
    this.answers = {};
    this.missing = new Set();
    this.certificate = null;
    this.error = null;
  }
}
