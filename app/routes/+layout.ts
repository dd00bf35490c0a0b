import { restoreSession } from '$lib/services/auth.service';
import type { LayoutLoad } from './$types';

// MOP is a static SPA: it must boot from the service worker's cache with no server rendering.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

/** Restores the signed-in identity saved on this device before any page renders (it works offline). */
export const load: LayoutLoad = async () => {
  await restoreSession();
  return {};
};
