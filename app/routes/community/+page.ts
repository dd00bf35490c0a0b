import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { listProgrammes } from '$lib/matching/matching-api.service';
import { settle } from '$lib/community/community.service';
import type { PageLoad } from './$types';

/** The way into the community for everyone: the caller's programmes (`GET /api/programmes` lists only those). */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  await parent();
  const user = session.user;
  if (!user) redirect(307, loginPath(url));
  return { user, programmes: settle(listProgrammes(fetch).then((list) => list.programmes)) };
};
