import { requireUser } from '$lib/services/route-guards';
import { listProgrammes } from '$lib/matching/matching-api.service';
import { matchingProblem } from '$lib/matching/access';
import { loadProgrammeProgress } from '$lib/workspace/services/pair.service';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  try {
    const { programmes } = await listProgrammes(fetch);
    // The coordinator's home shows each coordinated programme's health; the summaries arrive after the list.
    const progress = Object.fromEntries(
      programmes
        .filter((p) => p.role === 'coordinator' || p.role === 'admin')
        .map((p) => [p.id, loadProgrammeProgress(p.id, fetch)])
    );
    return { user, programmes, progress, problem: null };
  } catch (error) {
    return { user, programmes: [], progress: {}, problem: matchingProblem(error) };
  }
};
