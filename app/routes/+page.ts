import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import type { PageLoad } from './$types';

/** The installed app starts at "/": someone already signed in on this device goes straight to their mentoring. */
export const load: PageLoad = async ({ parent }) => {
  await parent();
  if (session.user) redirect(307, '/mentoring');
  return {};
};
