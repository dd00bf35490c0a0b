import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { openMyProfile, profileRoleOf } from '$lib/matching/profile.service';
import type { PageLoad } from './$types';

/** The questionnaire works offline: the identity and the profile document both come from this device if needed. */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const user = session.user;
  if (!user) redirect(307, loginPath(url));
  const role = profileRoleOf(user);
  return { user, role, handle: role ? openMyProfile(user) : null };
};
