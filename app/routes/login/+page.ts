import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { homePathFor } from '$lib/services/membership';
import { safeNextPath } from '$lib/services/deep-link';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  if (session.user) redirect(307, safeNextPath(url.searchParams.get('next')) ?? homePathFor(session.user));
  return {};
};
