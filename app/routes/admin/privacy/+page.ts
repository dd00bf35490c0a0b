import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/services/route-guards';
import { loadAccessLog, loadPrivacySettings } from '$lib/services/privacy.service';
import type { PageLoad } from './$types';

/** Admins: the privacy notice, imprint and retention, and the access log. */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  try {
    const [settings, accessLog] = await Promise.all([loadPrivacySettings(fetch), loadAccessLog(fetch)]);
    return { user, settings, accessLog, problem: null };
  } catch (error) {
    return { user, settings: null, accessLog: [], problem: problemFor(error) };
  }
};
