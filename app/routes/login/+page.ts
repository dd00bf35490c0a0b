import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { homePathFor } from '$lib/services/membership';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await parent();
  if (session.user) redirect(307, homePathFor(session.user));
  return {};
};
