/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';
import { cacheNames, clientsClaim } from 'workbox-core';
import { addRoute, cleanupOutdatedCaches, getCacheKeyForURL, precache } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { createPartialResponse } from 'workbox-range-requests';
import { PACK_CACHE, isResourceFileUrl } from '$lib/learning/pack-cache';
import { BYPASS_PACK_CACHE_HEADER } from '$lib/learning/pack-files';
import {
  SNAPSHOT_REVEAL_SCRIPT_HASH,
  isSnapshotCache,
  snapshotCacheName,
  snapshotKey,
  snapshotMarkup,
  splitShell,
  type BootSnapshot
} from '$lib/boot-snapshot';

declare const self: ServiceWorkerGlobalScope;

/**
 * MOP's service worker: precaches the app shell and every build asset so the app starts with no network, and
 * answers every navigation with the shell (the app routes on the client). `/` is client-rendered, so its HTML is the
 * empty shell; the public pages the server renders for visitors without this worker render on the client here too. API calls and the sync socket are never
 * cached here: data lives in IndexedDB (and the catalogue's last answer in the app's own cache, catalogue.service.ts).
 */

// Hashed build assets carry their version in the URL; static files and the shell are versioned by the build.
const precacheEntries = [
  ...build.map((url) => ({ url, revision: null })),
  // The icon generator script lives beside the icons but is not part of the app.
  ...files.filter((url) => !url.endsWith('.mjs')).map((url) => ({ url, revision: version })),
  { url: '/', revision: version }
];

// On the very first install, take control of the open page at once so it works offline without a reload. Later
// versions still wait (see below): a waiting worker only activates when the user asks or every tab has closed.
clientsClaim();

/** Paths that are not pages of the app even when navigated to: the API, the sync socket, the discovery files. */
const NOT_PAGES = [/^\/api(\/|$)/, /^\/sync(\/|$)/, /^\/(sitemap|feed)\.xml$/, /^\/robots\.txt$/];
/** The build's hashed files (scripts, styles, fonts): precached under their own URL. */
const BUILD_FILES = new Set(build);
let precacheCache: Promise<Cache> | undefined;

/**
 * The app's start, offline or not: every navigation is answered with the shell (`/`, the app routes on the client) and
 * every file of the build with its precached copy, straight from the cache. A cold start asks this worker for the
 * shell and then ~100 scripts and styles in a burst; each went through workbox's router and precache strategy (a
 * handler, its plugins and a URL lookup per request), and the shell came ~50 ms after a blank service-worker page's
 * (now about as fast: docs/benchmarks.md, issue 16, fourth round). Registered before workbox's own listener, which
 * still answers everything else (the static files, the packs' files below) and fills and cleans the precache.
 * Whatever is missing from the cache goes to the network.
 *
 * The shell is looked up by its precache key with a plain request and `ignoreVary`: the server's pages vary on
 * Accept-Language, the copy was cached from a request without it, and a navigation sends it (an offline start at `/`,
 * the manifest's start_url, failed that way).
 */
self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  let key: string | undefined;
  if (request.mode === 'navigate')
    key = NOT_PAGES.some((path) => path.test(url.pathname)) ? undefined : getCacheKeyForURL('/');
  else if (!url.search && BUILD_FILES.has(url.pathname)) key = url.href;
  if (!key) return;
  const cacheKey = key;
  event.stopImmediatePropagation();
  // The device's last view of the page is read while the shell is looked up.
  const view = request.mode === 'navigate' ? lastView(url) : null;
  event.respondWith(
    (async () => {
      precacheCache ??= caches.open(cacheNames.precache);
      const cached = await (await precacheCache).match(cacheKey, { ignoreVary: true });
      if (!cached) return fetch(request);
      return view ? shellFor(cached, view) : cached;
    })()
  );
});

/**
 * Headers that make Chromium put the page in another browsing context group or agent cluster than the one it
 * prepared when the navigation started (a new tab's or window's blank page), so that it starts a new renderer only once
 * the answer is in, instead of while the worker looks the answer up. Measured on a blank page served by a worker: the
 * first paint 180 ms without them, 352 ms with COOP alone, 340 ms with Origin-Agent-Cluster alone (docs/benchmarks.md,
 * issue 16, fifth round). The server's own answers keep them (docs/security.md says what each one protects and why the
 * worker's copy of the shell goes without).
 */
const PROCESS_SWAP_HEADERS = ['cross-origin-opener-policy', 'origin-agent-cluster'];

/**
 * The shell as this worker answers it: in two parts, the bar at once and then the device's last view of the page when
 * the app kept one (boot-snapshot.ts), and without the server's `Link` preloads. The bar paints in a frame of its own
 * and the copy in the next one, put there by a script of its own that the policy allows by its hash (the whole page in
 * the first frame held the first paint back to 2–2.7× a blank page's: docs/benchmarks.md, issue 16, seventh round).
 * The preloads save a round trip per level of imports over the network; from this cache they save nothing, and the
 * shell's ~40 modulepreloads, all started at once, held back its first paint in the offline start bench (fourth
 * round). The styles are inline in the shell, and the scripts are fetched by the page's own imports.
 */
async function shellFor(shell: Response, view: Promise<BootSnapshot | null>): Promise<Response> {
  const headers = new Headers(shell.headers);
  headers.delete('link');
  for (const header of PROCESS_SWAP_HEADERS) headers.delete(header);
  const init = { status: shell.status, statusText: shell.statusText, headers };
  const text = await shell.text();
  const parts = splitShell(text);
  if (!parts) return new Response(text, init);
  headers.delete('content-length');
  headers.delete('etag');
  // The copy is put in the page by a script of its own (boot-snapshot.ts), allowed by its hash like the bootstrap.
  const policy = headers.get('content-security-policy');
  if (policy)
    headers.set(
      'content-security-policy',
      policy.replace(/(^|;\s*)script-src(?=[\s;]|$)/, (directive) => `${directive} ${SNAPSHOT_REVEAL_SCRIPT_HASH}`)
    );
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(parts[0]));
      const snapshot = await view;
      controller.enqueue(encoder.encode((snapshot ? snapshotMarkup(snapshot) : '') + parts[1]));
      controller.close();
    }
  });
  return new Response(body, init);
}

/** The device's last view of the page at `url`, if the app kept one for this build (boot-snapshot.ts). */
async function lastView(url: URL): Promise<BootSnapshot | null> {
  try {
    if (!(await caches.has(SNAPSHOTS))) return null;
    const copy = await (await caches.open(SNAPSHOTS)).match(snapshotKey(url));
    return copy ? ((await copy.json()) as BootSnapshot) : null;
  } catch {
    // A copy that cannot be read only costs the faster start: the shell is answered as it is.
    return null;
  }
}

const SNAPSHOTS = snapshotCacheName(version);

// Copies made by an earlier build do not fit this one's markup and styles.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => isSnapshotCache(name) && name !== SNAPSHOTS).map((name) => caches.delete(name))
        )
      )
  );
});

precache(precacheEntries);
addRoute();
cleanupOutdatedCaches();

// Files of packs made available offline (learning center) come from the pack cache the app filled, whole or as a byte
// range (media players seek with Range). Anything not in that cache, and the app's own re-downloads during a pack
// update, go to the network as usual.
registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    isResourceFileUrl(url.pathname) &&
    !request.headers.has(BYPASS_PACK_CACHE_HEADER),
  async ({ request, url }) => {
    const cached = await (await caches.open(PACK_CACHE)).match(request.url, { ignoreSearch: true });
    if (!cached) return fetch(request);
    if (request.headers.has('range')) return createPartialResponse(request, cached);
    if (url.searchParams.get('download') !== '1') return cached;
    const headers = new Headers(cached.headers);
    headers.set(
      'Content-Disposition',
      `attachment; filename="${decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1))}"`
    );
    return new Response(cached.body, { status: 200, headers });
  }
);

// A new version waits until the user clicks "Reload" in the app, so nobody loses an edit to an automatic reload.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
