import type { AvailableMentor } from '@mop/shared';
import { requestMentor } from './matching-api.service';
import { matchingWording } from './access';
import { messageFor } from '$lib/services/errors';

/** Filters and the request being written on the "find a mentor" page. */
export class MentorBrowseState {
  sector = $state('');
  language = $state('');
  /** `programmeId|mentorId` of the mentor whose request form is open. */
  open = $state<string | null>(null);
  message = $state('');
  sending = $state(false);
  error = $state<string | null>(null);
  /** Mentors asked during this visit, by `programmeId|mentorId`. */
  sent = $state<string[]>([]);

  matches(mentor: AvailableMentor): boolean {
    return (
      (this.sector === '' || mentor.sectors.includes(this.sector)) &&
      (this.language === '' || mentor.languages.includes(this.language))
    );
  }

  async send(programmeId: string, mentorId: string): Promise<void> {
    this.sending = true;
    this.error = null;
    try {
      await requestMentor(programmeId, mentorId, this.message);
      this.sent = [...this.sent, `${programmeId}|${mentorId}`];
      this.open = null;
      this.message = '';
    } catch (error) {
      this.error = messageFor(error, { wording: matchingWording() });
    } finally {
      this.sending = false;
    }
  }
}
