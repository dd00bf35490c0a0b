import type { EndReason } from '@mop/shared';
import type { ModuleContext } from '../module.ts';

/** A pair has ended: who ended it, and whom to tell. */
export interface MentorshipEndedEvent {
  mentorshipId: string;
  programmeId: string;
  reason: EndReason;
  /** Who ended it (a member, a coordinator or an admin). */
  endedBy: string;
  /** The pair's members other than `endedBy`: both of them when a coordinator ended the pair. */
  recipients: string[];
}

/**
 * The one place that tells people a pair ended, called inside the ending's transaction. In the app the news is
 * the ending itself: the mentorship list carries it (`Mentorship.ending`) and the notifications page derives "X
 * ended your mentorship" from it, offline too. E-mail notifications (the notification preferences of issue 14's
 * first half) hook in here, with `ctx.mail.enqueue` per recipient, so the mail is queued exactly when the ending is
 * stored. The end note never travels in an e-mail: it stays in the app like the pair's other texts.
 */
export function tellOtherMembers(ctx: ModuleContext, event: MentorshipEndedEvent): void {
  ctx.logger.info('mentorship ended', {
    mentorshipId: event.mentorshipId,
    reason: event.reason,
    recipients: event.recipients.length
  });
}
