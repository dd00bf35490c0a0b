import { requireUser } from '$lib/services/route-guards';
import { loadAccount, loadSessions } from '$lib/services/account.service';
import type { PageLoad } from './$types';

/** The person's own settings and devices: both need the server (the page shows a clear state offline). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await requireUser({ parent, url });
  return { account: loadAccount(fetch), sessions: loadSessions(fetch) };
};
