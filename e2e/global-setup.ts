import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Builds the app once before the end-to-end tests, so they run against exactly what `npm start` serves.
 * Set MOP_E2E_SKIP_BUILD=1 to reuse an existing build/ while iterating on a test.
 */
export default function setup(): void {
  const root = resolve(import.meta.dirname, '..');
  if (process.env.MOP_E2E_SKIP_BUILD === '1' && existsSync(resolve(root, 'build/server/index.js'))) return;
  execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would give a development build of Svelte and SvelteKit; the tests must run
    // what `npm start` serves.
    env: { ...process.env, NODE_ENV: 'production' }
  });
}
