import { loadCatalogue } from '$lib/learning/catalogue.service';
import { listAllPacks } from '$lib/learning/manage.service';
import { loadErrorMessage } from '$lib/learning/load-errors';
import { session } from '$lib/state/session.svelte';
import type { PageLoad } from './$types';

/** For coordinators and admins: the catalogue and every pack, drafts included. */
export const load: PageLoad = async ({ parent, fetch }) => {
  await parent();
  const role = session.user?.role;
  if (role !== 'admin' && role !== 'coordinator') return { allowed: false, catalogue: null, packs: [], error: null };
  try {
    const [catalogue, { packs }] = await Promise.all([loadCatalogue({ refresh: true, fetch }), listAllPacks()]);
    return { allowed: true, catalogue, packs, error: null };
  } catch (error) {
    return { allowed: true, catalogue: null, packs: [], error: loadErrorMessage(error) };
  }
};
