import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { homePathFor } from '$lib/services/membership';
import type { PageLoad } from './$types';

/**
 * The installed app starts at "/": someone already signed in on this device goes straight to their mentoring, or to
 * the programmes for coordinators and admins, who are not in pairs.
 */
export const load: PageLoad = async ({ parent }) => {
  await parent();
  if (session.user) redirect(307, homePathFor(session.user));
  return {};
};
