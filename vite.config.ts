import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const serverTarget = process.env.MOP_DEV_SERVER ?? 'http://127.0.0.1:3000';

/**
 * The test suites sign in hundreds of times: they hash passwords at scrypt N=2^14 instead of OWASP's N=2^17
 * (sync-server/src/auth/passwords.ts; `passwords.test.ts` checks the production cost itself).
 */
const TEST_PASSWORD_COST = { MOP_TEST_PASSWORD_COST: 'low' };

export default defineConfig({
  plugins: [
    // Compiles messages/*.json into app/lib/paraglide (gitignored, regenerated on every build, dev and test run).
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './app/lib/paraglide',
      strategy: ['localStorage', 'preferredLanguage', 'baseLocale']
    }),
    sveltekit()
  ],
  // The server build bundles its dependencies, so `build/` runs wherever it is copied (as `npm start` and the tests
  // serve it), with no node_modules beside it. Not under vitest, which loads the server code from node_modules.
  ...(process.env.VITEST ? {} : { ssr: { noExternal: true } }),
  build: {
    // Vite's helper for dynamic imports (a route's module, a lazily loaded component) otherwise adds a
    // <link rel="modulepreload"> to the document for each of the module's imports before loading it: ~60 links while
    // a learning center page hydrates, 70–240 ms of its main thread on a phone-speed CPU, in the task Lighthouse counts
    // as blocking (docs/benchmarks.md, issue 16, sixth round: performance 78 → 88 on /learn, 89 → 96 on a resource).
    // The imports are still loaded, as each module asks for them: from the service worker's cache (every start of the
    // installed app after the first) that costs nothing; over the network it costs a round trip per level of
    // imports, so a page is interactive later (Lighthouse's time to interactive ~0.5–1 s later on its slow 4G). The
    // shell, answered by the server, keeps its modulepreload header for its first start.
    modulePreload: { resolveDependencies: () => [] }
  },
  server: {
    proxy: {
      '/api': serverTarget,
      '/sync': { target: serverTarget.replace(/^http/, 'ws'), ws: true }
    }
  },
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        // Not `extends: true`: the app's unit tests cover plain TypeScript modules, and the Paraglide plugin keeps
        // file handles open that stop vitest from exiting. `$lib` resolves as in the app.
        resolve: { alias: { $lib: new URL('./app/lib', import.meta.url).pathname } },
        test: {
          name: 'unit',
          include: ['packages/**/*.test.ts', 'app/**/*.test.ts'],
          exclude: ['app/**/*.svelte.test.ts'],
          environment: 'node',
          globalSetup: ['scripts/compile-messages.ts']
        }
      },
      {
        // Rune state classes (`*.svelte.ts`) and their tests (`*.svelte.test.ts`) go through the Svelte compiler, with
        // Svelte's browser runtime so that `$derived` and `$effect` behave as in the app (Svelte's testing guide).
        plugins: [svelte()],
        resolve: {
          alias: {
            $lib: new URL('./app/lib', import.meta.url).pathname,
            '$app/environment': new URL('./app/lib/test-support/app-environment.ts', import.meta.url).pathname
          },
          conditions: ['browser']
        },
        test: {
          name: 'runes',
          include: ['app/**/*.svelte.test.ts'],
          environment: 'node',
          globalSetup: ['scripts/compile-messages.ts']
        }
      },
      {
        test: {
          name: 'server',
          include: ['sync-server/**/*.test.ts'],
          environment: 'node',
          env: TEST_PASSWORD_COST,
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          env: TEST_PASSWORD_COST,
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false
        }
      }
    ]
  }
});
