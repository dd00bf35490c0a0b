import { browser } from '$app/environment';
import { restoreSession } from '$lib/services/session-restore';
import type { LayoutLoad } from './$types';

// The app boots from the service worker's cached shell with no network, so pages are client-rendered by default. The
// public learning center turns server rendering on for its own routes (learn/+layout.ts, verify/+layout.ts).
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

// The shell does not preload Inter (hooks.server.ts: a preloaded font held back its first paint). Its Latin file is
// asked for as this module loads with the first page, before the app renders any text, so that the text does not
// first show in the fallback font and then move.
if (browser) void document.fonts?.load('1em "Inter Variable"', 'a').catch(() => undefined);

/**
 * Restores the signed-in identity saved on this device before any page renders (it works offline). On the server
 * (public pages only) there is no device: the page renders for a visitor and hydrates into the signed-in app.
 */
export const load: LayoutLoad = async () => {
  if (browser) await restoreSession();
  return {};
};
