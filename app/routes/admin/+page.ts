import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/services/route-guards';
import { listManagedProgrammes, listOrganisations } from '$lib/cohorts/cohorts.service';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  const archived = url.searchParams.get('archived') === '1';
  try {
    const [{ organisations }, { programmes }] = await Promise.all([
      listOrganisations(fetch),
      listManagedProgrammes(archived, fetch)
    ]);
    return { user, archived, organisations, programmes, problem: null };
  } catch (error) {
    return { user, archived, organisations: [], programmes: [], problem: problemFor(error) };
  }
};
