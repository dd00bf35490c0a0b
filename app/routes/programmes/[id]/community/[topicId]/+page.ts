import { requireUser } from '$lib/services/route-guards';
import { loadTopic, settle } from '$lib/community/community.service';
import type { PageLoad } from './$types';

/** One topic of a programme's community with its replies; offline, as last read on this device. */
export const load: PageLoad = async ({ params, parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  return {
    user,
    programmeId: params.id,
    topicId: params.topicId,
    detail: settle(loadTopic(user.id, params.id, params.topicId, fetch))
  };
};
