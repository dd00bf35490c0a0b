import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { loadAccount, loadSessions } from '$lib/services/account.service';
import type { PageLoad } from './$types';

/** The person's own settings and devices: both need the server (the page shows a clear state offline). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  if (!session.user) redirect(307, loginPath(url));
  return { account: loadAccount(fetch), sessions: loadSessions(fetch) };
};
