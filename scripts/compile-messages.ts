import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup for the app's unit tests: compiles messages/*.json into app/lib/paraglide (gitignored) as the
 * Vite plugin does for dev and build, so tests of code that speaks to the user run on a fresh clone. It runs the
 * Paraglide CLI in a child process: the plugin and the in-process `compile()` keep handles open that stop vitest
 * from exiting.
 */
export default function compileMessages(): void {
  const cli = fileURLToPath(new URL('../node_modules/@inlang/paraglide-js/bin/run.js', import.meta.url));
  execFileSync(
    process.execPath,
    [
      cli,
      'compile',
      '--project',
      './project.inlang',
      '--outdir',
      './app/lib/paraglide',
      '--silent',
      '--strategy',
      'localStorage',
      'preferredLanguage',
      'baseLocale'
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] }
  );
}
