import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * MOP is a static single-page app (no SSR) so that it can boot from the service worker's cache with no network.
 * The SvelteKit source lives in app/ (the design card's layout), static assets in static/.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
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
    // The service worker is registered by the app through workbox-window, so it can prompt before updating.
    serviceWorker: { register: false },
    version: { pollInterval: 0 }
  }
};

export default config;
