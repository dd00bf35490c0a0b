import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/services/route-guards';
import { listManagedProgrammes, listOrganisations, searchUsers } from '$lib/cohorts/cohorts.service';
import type { PageLoad } from './$types';

/** The filters are the page's query string, so a filtered list can be reloaded and shared between admins. */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  const filter = Object.fromEntries(
    ['q', 'role', 'organisationId', 'programmeId'].map((key) => [key, url.searchParams.get(key) ?? ''])
  );
  try {
    const [result, { organisations }, { programmes }] = await Promise.all([
      searchUsers(filter, fetch),
      listOrganisations(fetch),
      listManagedProgrammes(true, fetch)
    ]);
    return { user, filter, result, organisations, programmes, problem: null };
  } catch (error) {
    return { user, filter, result: null, organisations: [], programmes: [], problem: problemFor(error) };
  }
};
