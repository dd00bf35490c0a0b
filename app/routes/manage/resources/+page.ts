import { loadCatalogue } from '$lib/learning/catalogue.service';
import { listAllPacks } from '$lib/learning/manage.service';
import { loadErrorMessage } from '$lib/learning/load-errors';
import { requireUser } from '$lib/services/route-guards';
import type { PageLoad } from './$types';

/** For coordinators and admins: the catalogue and every pack, drafts included (others are told it is not for them). */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const { role } = await requireUser({ parent, url });
  if (role !== 'admin' && role !== 'coordinator') return { allowed: false, catalogue: null, packs: [], error: null };
  try {
    const [catalogue, { packs }] = await Promise.all([loadCatalogue({ refresh: true, fetch }), listAllPacks()]);
    return { allowed: true, catalogue, packs, error: null };
  } catch (error) {
    return { allowed: true, catalogue: null, packs: [], error: await loadErrorMessage(error) };
  }
};
