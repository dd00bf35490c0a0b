import type { EndReason, FeedbackAnswer, MyFeedback } from '@mop/shared';
import { messageFor } from '$lib/services/errors';
import { endMentorship, saveMyFeedback } from './closing.service';

/** The "end this mentorship" form of a pair: closed, open, sending, and the refusal in the reader's language. */
export class EndMentorshipForm {
  open = $state(false);
  reason = $state<EndReason | ''>('');
  note = $state('');
  sending = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly mentorshipId: () => string) {}

  /** Sends the ending; `ended` runs after the server accepted it (the page reloads the pair, now read-only). */
  async submit(ended: () => Promise<void> | void): Promise<void> {
    if (this.reason === '') return;
    this.sending = true;
    this.error = null;
    try {
      await endMentorship(this.mentorshipId(), { reason: this.reason, note: this.note.trim() });
      this.open = false;
      await ended();
    } catch (error) {
      this.error = messageFor(error);
    } finally {
      this.sending = false;
    }
  }
}

/** A member's closing feedback form, filled from what they sent before (they may send it again to correct it). */
export class FeedbackForm {
  relationshipRating = $state(0);
  programmeRating = $state(0);
  helped = $state('');
  improve = $state('');
  answers = $state<string[]>([]);
  shareIndividually = $state(false);
  sending = $state(false);
  error = $state<string | null>(null);
  savedAt = $state<string | null>(null);

  constructor(
    private readonly mentorshipId: string,
    feedback: MyFeedback
  ) {
    this.answers = feedback.questions.map((_, index) => feedback.mine?.answers[index] ?? '');
    if (feedback.mine) {
      this.relationshipRating = feedback.mine.relationshipRating;
      this.programmeRating = feedback.mine.programmeRating;
      this.helped = feedback.mine.helped;
      this.improve = feedback.mine.improve;
      this.shareIndividually = feedback.mine.shareIndividually;
      this.savedAt = feedback.mine.submittedAt;
    }
  }

  get complete(): boolean {
    return this.relationshipRating > 0 && this.programmeRating > 0;
  }

  async submit(): Promise<void> {
    if (!this.complete) return;
    this.sending = true;
    this.error = null;
    const answer: FeedbackAnswer = {
      relationshipRating: this.relationshipRating,
      programmeRating: this.programmeRating,
      helped: this.helped,
      improve: this.improve,
      answers: this.answers,
      shareIndividually: this.shareIndividually
    };
    try {
      const saved = await saveMyFeedback(this.mentorshipId, answer);
      this.savedAt = saved.mine?.submittedAt ?? null;
    } catch (error) {
      this.error = messageFor(error);
    } finally {
      this.sending = false;
    }
  }
}
