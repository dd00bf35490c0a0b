import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { listProgrammes } from '$lib/matching/matching-api.service';
import { listTopics, settle } from '$lib/community/community.service';
import type { PageLoad } from './$types';

/** A programme's community: its topics (online only; members and admins, the server refuses others). */
export const load: PageLoad = async ({ params, parent, fetch, url }) => {
  await parent();
  const user = session.user;
  if (!user) redirect(307, loginPath(url));
  // The programme's name is a nicety: when it cannot be had, the page names the programme by its id.
  const name = listProgrammes(fetch).then(
    ({ programmes }) => programmes.find((p) => p.id === params.id)?.name ?? null,
    () => null
  );
  return { user, programmeId: params.id, topics: settle(listTopics(params.id, fetch)), programmeName: name };
};
