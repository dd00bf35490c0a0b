import { Workbox } from 'workbox-window';
import { pwa } from '$lib/state/pwa.svelte';

let workbox: Workbox | null = null;

/**
 * Registers the service worker (production builds only). A new version never takes over by itself: it waits until
 * the user chooses to reload, so an edit in progress is never cut short.
 */
export function registerServiceWorker(): void {
  // Skip only under the Vite dev server (which has hot module replacement). `$app/environment`'s `dev` is not used
  // here because a production build run with NODE_ENV=test (as under vitest) reports dev = true.
  if (import.meta.hot || workbox || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  workbox = new Workbox('/service-worker.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    pwa.updateReady = true;
  });
  workbox.register().catch((error: unknown) => console.error('MOP: the service worker could not be registered', error));
}

/**
 * Activates the waiting version and reloads once it controls the page. When no version waits any more (another tab
 * of the app already activated it, and this page is controlled by it), reloading is all that is left to do.
 */
export async function applyUpdate(): Promise<void> {
  if (!workbox || pwa.updating) return;
  pwa.updating = true;
  const registration = await navigator.serviceWorker.getRegistration().catch((error: unknown) => {
    console.warn('MOP: could not read the service worker registration', error);
    return undefined;
  });
  if (!registration?.waiting) {
    window.location.reload();
    return;
  }
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

export function dismissUpdate(): void {
  pwa.updateReady = false;
}
