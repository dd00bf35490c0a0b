import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/matching/access';
import { listAudit, listManagedProgrammes } from '$lib/cohorts/cohorts.service';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch, url }) => {
  await parent();
  const user = requireUser();
  const filter = Object.fromEntries(
    ['action', 'programmeId', 'actorId', 'targetUserId']
      .map((key) => [key, url.searchParams.get(key) ?? ''])
      .filter(([, value]) => value)
  );
  try {
    const [{ entries }, { programmes }] = await Promise.all([
      listAudit(filter, fetch),
      listManagedProgrammes(true, fetch)
    ]);
    return { user, filter, entries, programmes, problem: null };
  } catch (error) {
    return { user, filter, entries: [], programmes: [], problem: problemFor(error) };
  }
};
