import { requireUser } from '$lib/services/route-guards';
import { listProgrammes } from '$lib/matching/matching-api.service';
import { settle } from '$lib/community/community.service';
import type { PageLoad } from './$types';

/** The way into the community for everyone: the caller's programmes (`GET /api/programmes` lists only those). */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  return { user, programmes: settle(listProgrammes(fetch).then((list) => list.programmes)) };
};
