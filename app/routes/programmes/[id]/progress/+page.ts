import { requireUser } from '$lib/services/route-guards';
import { loadProgrammeProgress } from '$lib/workspace/services/pair.service';
import type { PageLoad } from './$types';

/** The coordinators' view of a programme's pairs (summaries only; the server refuses anyone else with 403). */
export const load: PageLoad = async ({ params, parent, fetch, url }) => {
  await requireUser({ parent, url });
  return { programmeId: params.id, progress: loadProgrammeProgress(params.id, fetch) };
};
