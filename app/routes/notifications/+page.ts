import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import type { PageLoad } from './$types';

/** The in-app notifications: derived on this device from the pairs' documents (the state follows the session). */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const user = session.user;
  if (!user) redirect(307, loginPath(url));
  return { user };
};
