import { listMatchRequests } from '$lib/matching/matching-api.service';
import { matchingProblem, requireUser } from '$lib/matching/access';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch, url }) => {
  await parent();
  const user = requireUser(url);
  try {
    const { requests } = await listMatchRequests(fetch);
    return { user, requests, problem: null };
  } catch (error) {
    return { user, requests: [], problem: matchingProblem(error) };
  }
};
