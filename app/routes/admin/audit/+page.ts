import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/services/route-guards';
import { listAudit, listManagedProgrammes } from '$lib/cohorts/cohorts.service';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
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
