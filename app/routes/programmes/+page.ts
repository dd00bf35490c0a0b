import { listProgrammes } from '$lib/matching/matching-api.service';
import { matchingProblem, requireUser } from '$lib/matching/access';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch, url }) => {
  await parent();
  const user = requireUser(url);
  try {
    const { programmes } = await listProgrammes(fetch);
    return { user, programmes, problem: null };
  } catch (error) {
    return { user, programmes: [], problem: matchingProblem(error) };
  }
};
