import { browser } from '$app/environment';
import { restoreSession, startRestoring } from '$lib/services/session-restore';
import type { LayoutLoad } from './$types';

// The app boots from the service worker's cached shell with no network, so pages are client-rendered by default. The
// public learning center turns server rendering on for its own routes (learn/+layout.ts, verify/+layout.ts).
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

// As the app starts (this module is loaded with the first page, before its `load` runs and while the router fetches the
// page's code): restoring the session begins now, and so does opening the pair's document on a workspace page.
if (browser) startRestoring(location.pathname);

/**
 * Restores the signed-in identity saved on this device before any page renders (it works offline). On the server
 * (public pages only) there is no device: the page renders for a visitor and hydrates into the signed-in app.
 */
export const load: LayoutLoad = async () => {
  if (browser) await restoreSession();
  return {};
};
