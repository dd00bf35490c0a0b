import { requireUser } from '$lib/services/route-guards';
import { loadAccount, loadSessions } from '$lib/services/account.service';
import { loadMyAccessLog } from '$lib/services/privacy.service';
import { loadEmailPreferences } from '$lib/notifications/email-preferences.service';
import type { PageLoad } from './$types';

/** The person's own settings, e-mail choices, devices and who read their data: all need the server (a clear state offline). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await requireUser({ parent, url });
  return {
    account: loadAccount(fetch),
    sessions: loadSessions(fetch),
    accessLog: loadMyAccessLog(fetch),
    emailPreferences: loadEmailPreferences(fetch)
  };
};
