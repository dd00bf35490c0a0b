import { requireUser } from '$lib/services/route-guards';
import { listAvailableMentors, listProgrammes } from '$lib/matching/matching-api.service';
import { matchingProblem } from '$lib/matching/access';
import type { PageLoad } from './$types';

/** Mentors with room left in every programme where the user is a mentee and self-matching is allowed. */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  try {
    const { programmes } = await listProgrammes(fetch);
    const open = programmes.filter((p) => p.roles.includes('mentee') && p.selfMatching);
    const lists = await Promise.all(
      open.map(async (programme) => {
        const list = await listAvailableMentors(programme.id, fetch);
        // A mentee with an active mentor here sees the mentors but is not offered a request the server would refuse.
        return { programme, mentors: list.mentors, matched: list.matched === true };
      })
    );
    return { user, lists, isMentee: programmes.some((p) => p.roles.includes('mentee')), problem: null };
  } catch (error) {
    return { user, lists: [], isMentee: user.role === 'mentee', problem: matchingProblem(error) };
  }
};
