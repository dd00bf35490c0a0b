import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loadProgrammeProgress } from '$lib/workspace/services/pair.service';
import type { PageLoad } from './$types';

/** The coordinators' view of a programme's pairs (summaries only; the server refuses anyone else with 403). */
export const load: PageLoad = async ({ params, parent, fetch }) => {
  await parent();
  if (!session.user) redirect(307, '/login');
  return { programmeId: params.id, progress: loadProgrammeProgress(params.id, fetch) };
};
