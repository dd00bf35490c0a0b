import { listAvailableMentors, listProgrammes } from '$lib/matching/matching-api.service';
import { matchingProblem, requireUser } from '$lib/matching/access';
import type { PageLoad } from './$types';

/** Mentors with room left in every programme where the user is a mentee and self-matching is allowed. */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  await parent();
  const user = requireUser(url);
  try {
    const { programmes } = await listProgrammes(fetch);
    const open = programmes.filter((p) => p.roles.includes('mentee') && p.selfMatching);
    const lists = await Promise.all(
      open.map(async (programme) => ({ programme, mentors: (await listAvailableMentors(programme.id, fetch)).mentors }))
    );
    return { user, lists, isMentee: programmes.some((p) => p.roles.includes('mentee')), problem: null };
  } catch (error) {
    return { user, lists: [], isMentee: user.role === 'mentee', problem: matchingProblem(error) };
  }
};
