import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/services/route-guards';
import { getStarterLibrary, listCollections } from '$lib/learning/collections.service';
import type { PageLoad } from './$types';

/** Coordinators and admins: every collection with its use; admins also the starter library's status. */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  if (user.role !== 'admin' && user.role !== 'coordinator')
    return { user, allowed: false, loaded: null, problem: null };
  try {
    const [{ collections }, starter] = await Promise.all([
      listCollections(fetch),
      user.role === 'admin' ? getStarterLibrary(fetch) : Promise.resolve(null)
    ]);
    return { user, allowed: true, loaded: { collections, starter }, problem: null };
  } catch (error) {
    return { user, allowed: true, loaded: null, problem: problemFor(error) };
  }
};
