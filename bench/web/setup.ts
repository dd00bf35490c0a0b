import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

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
