import type { User } from '@mop/shared';
import { session } from '$lib/state/session.svelte';
import { watchNetwork } from '$lib/state/network.svelte';
import { DEVICE_DATABASE, databaseExists } from './device-databases';

let pending: Promise<User | null> | null = null;

/**
 * Restores the identity saved on this device before any page renders (offline too). A device that never signed in
 * has no database to read, so a visitor of the public pages is done at once and downloads none of what a signed-in
 * user needs (Dexie, the Yjs documents, the sync client): the auth service is loaded only when there is a database.
 * Calls made while one is under way (the app's start, then the root layout) share it.
 */
export function restoreSession(): Promise<User | null> {
  pending ??= restore().finally(() => {
    pending = null;
  });
  return pending;
}

async function restore(): Promise<User | null> {
  // Every page shows whether the network is there (file links, the connection pill), signed in or not.
  watchNetwork();
  if (!(await databaseExists(DEVICE_DATABASE))) {
    session.restored = true;
    return null;
  }
  const auth = await import('./auth.service');
  return auth.restoreSession();
}

/** `/mentoring/<pair>…`: the pair whose workspace a path opens. */
const PAIR_PATH = /^\/mentoring\/([^/]+)/;

/**
 * Called as the app starts (root +layout.ts), while the router is still loading the page's code: restores the session
 * and, when the page is a pair's workspace, reads the pair from this device and opens its document, so that the
 * workspace's layout finds both ready (or under way) instead of starting them after its code has loaded. Failures are
 * left to the layout, which runs the same steps and reports them. Also asks for Inter's Latin file, which the shell
 * does not preload (hooks.server.ts: a preloaded font held back its first paint), before the app renders any text,
 * so that the text does not first show in the fallback font and then move.
 */
export function startRestoring(path: string): void {
  void document.fonts?.load('1em "Inter Variable"', 'a').catch(() => undefined);
  const pair = PAIR_PATH.exec(path)?.[1];
  void restoreSession()
    .then(async (user) => {
      if (!user || !pair) return;
      // Already loaded with the auth service (a static import of it): no second download.
      const { findStoredMentorship } = await import('./mentorships.service');
      await findStoredMentorship(user, decodeURIComponent(pair));
    })
    .catch(() => undefined);
}
