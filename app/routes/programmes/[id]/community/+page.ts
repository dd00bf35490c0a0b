import { requireUser } from '$lib/services/route-guards';
import { listTopics, programmeName, settle } from '$lib/community/community.service';
import type { PageLoad } from './$types';

/** A programme's community: its topics (members and admins, the server refuses others); offline, as last read here. */
export const load: PageLoad = async ({ params, parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  return {
    user,
    programmeId: params.id,
    topics: settle(listTopics(user.id, params.id, fetch)),
    // Kept on this device too, so the page has its title offline; null when never seen (the page then names none).
    programmeName: programmeName(user.id, params.id, fetch)
  };
};
