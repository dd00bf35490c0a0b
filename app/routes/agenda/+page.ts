import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { listMyMentorships } from '$lib/services/mentorships.service';
import type { PageLoad } from './$types';

/** The personal agenda: the user's pairs (from the server, or this device when offline). */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const user = session.user;
  if (!user) redirect(307, loginPath(url));
  return { user, list: listMyMentorships(user) };
};
