import { redirect } from '@sveltejs/kit';
import { PUBLIC_PATHS } from '@mop/shared';
import { session } from '$lib/state/session.svelte';
import { homePathFor } from '$lib/services/membership';
import type { PageLoad } from './$types';

/**
 * The installed app starts at "/": someone already signed in on this device goes straight to their mentoring, or to
 * the programmes for coordinators and admins, who are not in pairs; a visitor lands in the learning center (offline
 * too, from the catalogue held on the device). Without the service worker the server sends a visitor's browser there
 * before any script runs (sync-server/src/web/web-routes.ts).
 */
export const load: PageLoad = async ({ parent }) => {
  await parent();
  redirect(307, session.user ? homePathFor(session.user) : PUBLIC_PATHS.learn);
};
