import type { MatchExplanation } from '@mop/shared';
import type { ModuleContext } from '../module.ts';
import { recipient } from './notifier.ts';
import { communityReplyMail, matchMail, requestAnsweredMail, requestReceivedMail } from './templates.ts';

/**
 * What the matching and community routes tell people, as small calls they make after (or inside) the transaction of
 * the action. Built on `ctx.notify`, which applies each person's choice and adds the unsubscribe link.
 */
export interface PeopleNotices {
  /** A pair was created (published by a coordinator, or a request accepted): both members, with why and first step. */
  newPair(pair: { mentorshipId: string; mentorId: string; menteeId: string; explanation: MatchExplanation }): void;
  /** A mentee asked a mentor. */
  requestReceived(request: { mentorId: string; menteeId: string }): void;
  /** The mentor answered: the mentee is told (with the new pair's id when accepted). */
  requestAnswered(request: { mentorId: string; menteeId: string }, mentorshipId: string | null): void;
  /** A reply in a topic: everyone who took part in it (its author and repliers), except the one who replied. */
  communityReply(reply: {
    programmeId: string;
    topicId: string;
    topicTitle: string;
    authorId: string;
    participantIds: readonly string[];
  }): void;
}

/** The notices of `ctx`; each is a no-op for a recipient who is gone. */
export function peopleNotices(ctx: ModuleContext): PeopleNotices {
  const link = (path: string) => `${ctx.publicUrl}${path}`;
  return {
    newPair({ mentorshipId, mentorId, menteeId, explanation }) {
      const reasons = {
        sectors: explanation.sharedSectors,
        skills: explanation.matchedSkills,
        languages: explanation.sharedLanguages,
        overlapHoursPerWeek: Math.round(explanation.overlapMinutesPerWeek / 60),
        rank: explanation.menteeRank
      };
      const url = link(`/mentoring/${mentorshipId}`);
      for (const [userId, otherId, otherRole] of [
        [menteeId, mentorId, 'mentor'],
        [mentorId, menteeId, 'mentee']
      ] as const) {
        const person = recipient(ctx, userId);
        const user = ctx.store.findUserById(userId);
        if (!person || !user) continue;
        const mentorship = ctx.store.listVisibleMentorships(user).find((m) => m.id === mentorshipId);
        ctx.notify.notify({
          userId,
          category: 'matches',
          template: matchMail,
          params: {
            name: person.name,
            otherName: recipient(ctx, otherId)?.name ?? '',
            otherRole,
            programmeName: mentorship?.programmeName ?? '',
            reasons,
            url
          },
          url
        });
      }
    },
    requestReceived({ mentorId, menteeId }) {
      const person = recipient(ctx, mentorId);
      if (!person) return;
      const url = link('/requests');
      ctx.notify.notify({
        userId: mentorId,
        category: 'requests',
        template: requestReceivedMail,
        params: { name: person.name, menteeName: recipient(ctx, menteeId)?.name ?? '', url },
        url
      });
    },
    requestAnswered({ mentorId, menteeId }, mentorshipId) {
      const person = recipient(ctx, menteeId);
      if (!person) return;
      const url = link(mentorshipId ? `/mentoring/${mentorshipId}` : '/mentors');
      ctx.notify.notify({
        userId: menteeId,
        category: 'requests',
        template: requestAnsweredMail,
        params: {
          name: person.name,
          mentorName: recipient(ctx, mentorId)?.name ?? '',
          accepted: mentorshipId !== null,
          url
        },
        url
      });
    },
    communityReply({ programmeId, topicId, topicTitle, authorId, participantIds }) {
      const url = link(`/programmes/${programmeId}/community/${topicId}`);
      const authorName = recipient(ctx, authorId)?.name ?? '';
      for (const userId of new Set(participantIds)) {
        if (userId === authorId) continue;
        const person = recipient(ctx, userId);
        if (!person) continue;
        ctx.notify.notify({
          userId,
          category: 'community',
          template: communityReplyMail,
          params: { name: person.name, authorName, topicTitle, url },
          url
        });
      }
    }
  };
}
