import { FEEDBACK_QUESTIONS_MAX } from '@mop/shared';
import { messageFor } from '$lib/services/errors';
import { saveFeedbackQuestions } from './closing.service';

/** The coordinator's editor of a programme's own closing questions: one question per line. */
export class QuestionsEditor {
  text = $state('');
  saving = $state(false);
  error = $state<string | null>(null);
  saved = $state(false);

  constructor(
    private readonly programmeId: string,
    questions: readonly string[]
  ) {
    this.text = questions.join('\n');
  }

  /** The questions as typed: one per non-empty line. */
  get questions(): string[] {
    return this.text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  }

  get tooMany(): boolean {
    return this.questions.length > FEEDBACK_QUESTIONS_MAX;
  }

  async save(): Promise<void> {
    this.saving = true;
    this.error = null;
    this.saved = false;
    try {
      const { questions } = await saveFeedbackQuestions(this.programmeId, this.questions);
      this.text = questions.join('\n');
      this.saved = true;
    } catch (error) {
      this.error = messageFor(error);
    } finally {
      this.saving = false;
    }
  }
}
