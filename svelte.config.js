import { writeFileSync } from 'node:fs';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The build MOP's own server runs: SvelteKit's `Server` in `build/server` (with a `manifest.js` beside it) and the
 * browser's files in `build/client`. The Hono server (sync-server/src/web) serves the files and calls
 * `server.respond()` for pages, in the same Node process as the API and the sync socket.
 *
 * Why not adapter-node: it bundles the server into hashed chunks behind its own HTTP server (polka), and its handler
 * cannot hand the page a `platform` (the in-process API); the two `Builder` calls below are all MOP needs. Why not
 * adapter-static any more: the public learning center is rendered on the server (docs/architecture.md, "Public pages:
 * server rendering"); every other route keeps `ssr = false` and boots from the service worker's cached shell.
 * @type {import('@sveltejs/kit').Adapter}
 */
const mopServerAdapter = {
  name: 'mop-server',
  async adapt(builder) {
    const out = 'build';
    builder.rimraf(out);
    builder.writeClient(`${out}/client`);
    builder.writePrerendered(`${out}/prerendered`);
    builder.writeServer(`${out}/server`);
    writeFileSync(
      `${out}/server/manifest.js`,
      `export const manifest = ${builder.generateManifest({ relativePath: './' })};\n`
    );
    builder.log.minor(`Wrote the server build to ${out}/server and the browser's files to ${out}/client`);
  }
};

/**
 * The SvelteKit source lives in app/ (the design card's layout), static assets in static/.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: mopServerAdapter,
    files: {
      src: 'app',
      routes: 'app/routes',
      lib: 'app/lib',
      appTemplate: 'app/app.html',
      errorTemplate: 'app/error.html',
      serviceWorker: 'app/service-worker',
      assets: 'static',
      hooks: { client: 'app/hooks.client', server: 'app/hooks.server', universal: 'app/hooks' },
      params: 'app/params'
    },
    // Absolute asset paths: the service worker answers every navigation (`/mentoring/x/notes/y`) with the HTML of
    // `/`, whose relative `./_app/…` links would point elsewhere there.
    paths: { relative: false },
    // Every stylesheet a page needs is inlined into its HTML (the largest, the root layout's, is ~20 kB; all of a page's
    // together ~30 kB, ~6 kB gzipped): a server-rendered public page paints once its HTML is read, instead of after 8
    // more requests (Lighthouse on a slow mobile connection, docs/benchmarks.md, issue 16, sixth round), and the shell
    // the service worker answers offline needs no answer for its styles before the bar paints. Pages reached later in
    // the app still load their route's stylesheets as files.
    inlineStyleThreshold: 50_000,
    // The service worker is registered by the app through workbox-window, so it can prompt before updating.
    serviceWorker: { register: false },
    version: { pollInterval: 0 },
    // The pages' Content-Security-Policy (docs/security.md). No inline script: SvelteKit hashes its own bootstrap
    // script into `script-src` for every page it renders, the client-rendered shell included, so the copy of `/` the
    // service worker keeps for offline starts carries a policy that matches it. Hashes rather than nonces: the shell
    // is cached and replayed, and a nonce is meant for one answer. Styles allow 'unsafe-inline': Svelte's `style:`
    // directives, transitions and the editor (ProseMirror) set style attributes at run time; styles cannot run code.
    // The server adds `https:` to `img-src` when the admin allows remote images (MOP_REMOTE_IMAGES).
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'media-src': ['self', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'frame-src': ['none'],
        'base-uri': ['none'],
        'form-action': ['self'],
        'frame-ancestors': ['none']
      }
    }
  }
};

export default config;
