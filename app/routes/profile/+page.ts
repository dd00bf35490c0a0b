import { requireUser } from '$lib/services/route-guards';
import { openMyProfile, profileRoleOf } from '$lib/matching/profile.service';
import type { PageLoad } from './$types';

/** The questionnaire works offline: the identity and the profile document both come from this device if needed. */
export const load: PageLoad = async ({ parent, url }) => {
  const user = await requireUser({ parent, url });
  const role = profileRoleOf(user);
  return { user, role, handle: role ? openMyProfile(user) : null };
};
