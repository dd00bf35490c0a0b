import type { EndReason } from '@mop/shared';
import type { ModuleContext } from '../module.ts';
import { pairEndedMail } from '../notifications/templates.ts';

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
 * ended your mentorship" from it, offline too. By e-mail (or the daily digest, as each person chose for the
 * `mentorship` category) through `ctx.notify`, queued in the same transaction as the ending. The e-mail names the
 * reason, never the end note: that stays in the app like the pair's other texts.
 */
export function tellOtherMembers(ctx: ModuleContext, event: MentorshipEndedEvent): void {
  const enderName = ctx.store.findUserById(event.endedBy)?.name ?? '';
  // The button says "Give your feedback": it opens the feedback form, one link away from the archive.
  const url = `${ctx.publicUrl}/mentoring/${encodeURIComponent(event.mentorshipId)}/feedback`;
  for (const userId of event.recipients) {
    const person = ctx.store.findUserById(userId);
    if (!person) continue;
    ctx.notify.notify({
      userId,
      category: 'mentorship',
      template: pairEndedMail,
      params: { name: person.name, enderName, reason: event.reason, url },
      url
    });
  }
  ctx.logger.info('mentorship ended', {
    mentorshipId: event.mentorshipId,
    reason: event.reason,
    recipients: event.recipients.length
  });
}
