import { problemFor } from '$lib/services/errors';
import { loadPrivacyNotice } from '$lib/services/privacy.service';
import type { PageLoad } from './$types';

/** The platform's privacy notice: public, so the sign-up pages can link to it. */
export const load: PageLoad = async ({ fetch }) => {
  try {
    return { notice: await loadPrivacyNotice(fetch), problem: null };
  } catch (error) {
    return { notice: null, problem: problemFor(error) };
  }
};
