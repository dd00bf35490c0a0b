import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { loadProgrammeProgress } from '$lib/workspace/services/pair.service';
import type { PageLoad } from './$types';

/** The coordinators' view of a programme's pairs (summaries only; the server refuses anyone else with 403). */
export const load: PageLoad = async ({ params, parent, fetch, url }) => {
  await parent();
  if (!session.user) redirect(307, loginPath(url));
  return { programmeId: params.id, progress: loadProgrammeProgress(params.id, fetch) };
};
