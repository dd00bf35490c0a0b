import { m } from '$lib/paraglide/messages.js';
import { getMatchingRun, listParticipants } from '$lib/matching/matching-api.service';
import { matchingProblem, isCoordinatorRole, requireUser } from '$lib/matching/access';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, fetch, url }) => {
  await parent();
  const user = requireUser(url);
  if (!isCoordinatorRole(user))
    return { user, run: null, mentors: [], problem: { kind: 'forbidden' as const, message: m.match_not_allowed() } };
  try {
    const [run, { participants }] = await Promise.all([
      getMatchingRun(params.id, params.runId, fetch),
      listParticipants(params.id, fetch)
    ]);
    // Mentors who could take a mentee assigned by hand: complete profile and room left.
    const mentors = participants
      .filter((p) => p.role === 'mentor' && p.profileComplete && p.freeCapacity > 0)
      .map((p) => ({ id: p.userId, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { user, run, mentors, problem: null };
  } catch (error) {
    return { user, run: null, mentors: [], problem: matchingProblem(error) };
  }
};
