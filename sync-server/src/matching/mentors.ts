import { Hono } from 'hono';
import { isProfileComplete, type MentorPublicProfile, type ProgrammeMentorList } from '@mop/shared';
import { loadProgrammeCohort, type ProgrammePerson } from './cohort.ts';
import { ApiRefusal } from '../http/refusal.ts';
import { guarded, programmeFor } from './http.ts';
import type { MatchingContext } from './runs.ts';

/**
 * What a mentee of the programme may see of a mentor: the answers about their offer. Availability, the capacity
 * answer itself, the e-mail and the mentor's own ranking stay private.
 */
export function publicMentorProfile({ participant, profile }: ProgrammePerson): MentorPublicProfile {
  return {
    userId: participant.userId,
    displayName: participant.name,
    headline: profile.headline,
    bio: profile.bio,
    sectors: profile.sectors,
    skillsOffered: profile.skillsOffered,
    goals: profile.goals,
    languages: profile.languages,
    country: profile.country,
    timeZone: profile.timeZone,
    organisation: profile.organisation,
    freeCapacity: participant.freeCapacity
  };
}

/**
 * `GET /programmes/:id/mentors`: the programme's mentors for a mentee to rank, whatever the self-matching setting
 * and including mentors who are full right now (a place may free up before the next run). Mentors whose profile is
 * incomplete are left out: they take no part in a run, and there is little to show of them.
 */
export function programmeMentorRoutes(ctx: MatchingContext): Hono {
  const { store, matching } = ctx;
  const app = new Hono();

  app.get(
    '/programmes/:id/mentors',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const { programme, roles, canCoordinate } = programmeFor(c, store, matching, user);
      if (!roles.includes('mentee') && !canCoordinate)
        throw new ApiRefusal(403, 'forbidden', 'Only mentees of this programme can see the list of its mentors');
      const cohort = loadProgrammeCohort(store, matching, ctx.liveDoc, programme.id);
      const mentors = cohort.mentors
        .filter((person) => person.participant.userId !== user.id && isProfileComplete(person.profile, 'mentor'))
        .map(publicMentorProfile)
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en') || a.userId.localeCompare(b.userId));
      const body: ProgrammeMentorList = { programmeId: programme.id, mentors };
      return c.json(body);
    })
  );

  return app;
}
