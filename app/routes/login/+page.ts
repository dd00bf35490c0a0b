import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await parent();
  if (session.user) redirect(307, '/mentoring');
  return {};
};
