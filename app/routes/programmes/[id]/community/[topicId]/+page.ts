import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { loadTopic, settle } from '$lib/community/community.service';
import type { PageLoad } from './$types';

/** One topic of a programme's community with its replies (online only). */
export const load: PageLoad = async ({ params, parent, fetch, url }) => {
  await parent();
  const user = session.user;
  if (!user) redirect(307, loginPath(url));
  return {
    user,
    programmeId: params.id,
    topicId: params.topicId,
    detail: settle(loadTopic(params.id, params.topicId, fetch))
  };
};
