/**
 * Whether this browser can keep MOP for offline use at the address it was opened from. Service workers and Cache
 * Storage exist only in secure contexts (https://, or localhost / 127.0.0.1): on a plain http:// address such as a
 * workshop server reached as http://192.168.1.20:3000 the app works live, but cannot start offline, keep packs or be
 * installed. The answer never changes while a page lives, so it is read once.
 */
export interface OfflineSupport {
  /** Offline start, packs kept on the device and installation are possible here. */
  available: boolean;
  /** The origin the app was opened from, for the explanation. */
  origin: string;
}

export function readOfflineSupport(scope: {
  isSecureContext?: boolean;
  location?: { origin: string };
  navigator?: object;
  caches?: unknown;
}): OfflineSupport {
  const available =
    scope.isSecureContext === true &&
    scope.navigator !== undefined &&
    'serviceWorker' in scope.navigator &&
    scope.caches !== undefined;
  return { available, origin: scope.location?.origin ?? '' };
}

/** This page's offline support; in server-side code (never in this static app, but in tests) it counts as available. */
export const offlineSupport: OfflineSupport =
  typeof window === 'undefined'
    ? { available: true, origin: '' }
    : readOfflineSupport({
        isSecureContext: window.isSecureContext,
        location: window.location,
        navigator: window.navigator,
        caches: typeof caches === 'undefined' ? undefined : caches
      });
