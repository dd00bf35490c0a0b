import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the web benches share: the repository root, their options, the build they measure, medians and the load. */

const root = resolve(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);

/** Whether `--name` was given. */
export const flag = (name: string): boolean => args.includes(name);

/** The value after `--name`, if given. */
export function option(name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** Builds the app into `build/` (vite build, production) unless `--skip-build` or another build was given. */
export function buildUnlessSkipped(): void {
  if (flag('--skip-build') || option('--build')) return;
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' }
  });
}

/** The build to serve: `--build <dir>` (e.g. one made from an older commit, for a before/after), else `build/`. */
export const buildDir = resolve(option('--build') ?? join(root, 'build'));

/**
 * A new scratch directory inside the repository (`tmp/`, ignored by git): a copy of a build served from there finds
 * the packages its server part imports (`@sveltejs/kit`) in the repository's node_modules, as it would not in /tmp.
 */
export function scratchDir(prefix: string): string {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  return mkdtempSync(join(root, 'tmp', prefix));
}

/**
 * Fails with one line when the build in `dir` cannot be served: the server would otherwise answer every page with its
 * "not built yet" notice and the bench would measure that. A build made elsewhere must sit in a checkout with its
 * node_modules (a git worktree of the older commit, say).
 */
export async function assertBuildLoads(dir: string): Promise<void> {
  try {
    await import(pathToFileURL(join(dir, 'server', 'index.js')).href);
  } catch (error) {
    throw new Error(
      `The build in ${dir} cannot be served (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): ` +
        'build it in a checkout with node_modules, e.g. a git worktree'
    );
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `load average 1.00 / 2.00 / 3.00`, for the headings of the tables. */
export function loadLine(): string {
  return `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')}`;
}
