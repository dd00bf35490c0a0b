import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import type { LayoutLoad } from './$types';

/** Everything under /mentoring needs an identity, which may come from this device when offline. */
export const load: LayoutLoad = async ({ parent, url }) => {
  await parent();
  const user = session.user;
  if (!user) redirect(307, loginPath(url));
  return { user };
};
