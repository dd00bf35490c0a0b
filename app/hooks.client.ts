import type { ClientInit } from '@sveltejs/kit';
import { startRestoring } from '$lib/services/session-restore';

/**
 * The app's start: restoring the session saved on this device (and opening the pair's document on a workspace page)
 * begins now, alongside the router loading the page's code, rather than when the root layout's `load` runs.
 */
export const init: ClientInit = () => {
  startRestoring(location.pathname);
  // The shell does not preload Inter (hooks.server.ts: a preloaded font holds back the first paint); its Latin file
  // is asked for now, before the app renders any text, so the text does not first show in the fallback font and move.
  void document.fonts?.load('1em "Inter Variable"', 'a').catch(() => undefined);
};
