import { messageFor } from '$lib/services/errors';
import { unpublishMentorship } from './closing.service';

/** A coordinator's "unpublish this pair": sending, and the refusal (a member has opened it) in the reader's words. */
export class UnpublishAction {
  sending = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly mentorshipId: string) {}

  async run(done: () => Promise<void> | void): Promise<void> {
    this.sending = true;
    this.error = null;
    try {
      await unpublishMentorship(this.mentorshipId);
      await done();
    } catch (error) {
      this.error = messageFor(error);
    } finally {
      this.sending = false;
    }
  }
}
