import { requireUser } from '$lib/services/route-guards';
import { programmesFor, settle } from '$lib/community/community.service';
import type { PageLoad } from './$types';

/**
 * The way into the community for everyone: the caller's programmes (`GET /api/programmes` lists only those); offline,
 * as last seen on this device.
 */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  return { user, programmes: settle(programmesFor(user.id, fetch)) };
};
