#!/usr/bin/env node
// `npm run build`: the app (vite build → build/) and the server (esbuild → dist/server/), skipped when nothing they
// are built from changed since the last build. `npm run build -- --force` (or MOP_FORCE_BUILD=1) rebuilds anyway.
// `--server-only` (the admin, backup and restore commands) bundles only the server, and only when its sources
// changed: the app's build replaces build/ wholesale, which would break the pages of a server running from it.
//
// The server is bundled with esbuild: its own code and the @mop/* workspaces (TypeScript, no build of their own)
// go into one file per entry point; every other package stays external and is loaded from node_modules, so native
// modules (better-sqlite3) and packages with data files (pdfkit) work as installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const stampFile = path.join(root, 'dist', '.build-stamp');
const serverStampFile = path.join(root, 'dist', '.server-build-stamp');
const force = process.argv.includes('--force') || process.env.MOP_FORCE_BUILD === '1';
const serverOnly = process.argv.includes('--server-only');

/** What the build reads: sources, translations, static files, configs and the installed versions. */
const INPUTS = [
  'app',
  'static',
  'messages',
  'project.inlang/settings.json',
  'packages/shared/src',
  'packages/matching/src',
  'packages/content/src',
  'packages/content/library',
  'sync-server/src',
  'sync-server/migrations',
  'svelte.config.js',
  'vite.config.ts',
  'tsconfig.json',
  'package-lock.json',
  'scripts/build.mjs'
];
/** Generated inside the inputs by the build itself; hashing them would make every build look stale. */
const IGNORED = new Set([path.join('app', 'lib', 'paraglide')]);
/** What the server bundle reads (a subset of INPUTS). */
const SERVER_INPUTS = [
  'packages/shared/src',
  'packages/matching/src',
  'packages/content/src',
  'sync-server/src',
  'package-lock.json',
  'scripts/build.mjs'
];
const SERVER_OUTPUTS = ['dist/server/main.js', 'dist/server/admin-cli.js', 'dist/server/operations.js'];
// The app's build is SvelteKit's server (build/server/index.js) and the browser's files (build/client).
const OUTPUTS = ['build/server/index.js', 'build/client', ...SERVER_OUTPUTS];

/** A hash of every input file's path, size and modification time: cheap, and changes when a file does. */
function inputsHash(inputs = INPUTS) {
  const hash = createHash('sha256');
  const walk = (relative) => {
    if (IGNORED.has(relative)) return;
    const absolute = path.join(root, relative);
    let stat;
    try {
      stat = fs.statSync(absolute);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(absolute).sort()) walk(path.join(relative, name));
    } else {
      hash.update(`${relative}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const input of inputs) walk(input);
  return hash.digest('hex');
}

/** True when every output exists and the stamp file holds this hash of the inputs. */
function isUpToDate(outputs, stamp, hash) {
  return (
    !force &&
    outputs.every((output) => fs.existsSync(path.join(root, output))) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === hash
  );
}

if (serverOnly) {
  if (isUpToDate(SERVER_OUTPUTS, serverStampFile, inputsHash(SERVER_INPUTS))) process.exit(0);
} else {
  if (isUpToDate(OUTPUTS, stampFile, inputsHash())) {
    console.log('build: app and server are up to date (npm run build -- --force rebuilds)');
    process.exit(0);
  }
  console.log('build: the app (vite build)…');
  const vite = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit'
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}

console.log('build: the server (esbuild → dist/server)…');
/** Bundles the @mop/* workspaces, leaves every other bare import to the root node_modules. */
const externalPackages = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@mop/') || args.path.startsWith('node:')) return undefined;
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      // A package npm could not hoist (a workspace's own version, e.g. @mop/content's docx) is not reachable from
      // dist/: it is bundled instead.
      if (!fs.existsSync(path.join(root, 'node_modules', name))) return undefined;
      return { path: args.path, external: true };
    });
    // @mop/content finds its library next to its sources; in the bundle that is two folders up from dist/server.
    builder.onLoad({ filter: /packages[\\/]content[\\/]src[\\/]load\.ts$/ }, async (args) => ({
      contents: (await fs.promises.readFile(args.path, 'utf8')).replace(
        "new URL('../library', import.meta.url)",
        "new URL('../../packages/content/library', import.meta.url)"
      ),
      loader: 'ts'
    }));
  }
};
await build({
  entryPoints: {
    main: path.join(root, 'sync-server/src/main.ts'),
    'admin-cli': path.join(root, 'sync-server/src/admin-cli.ts'),
    operations: path.join(root, 'sync-server/src/operations/cli.ts')
  },
  outdir: path.join(root, 'dist', 'server'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [externalPackages]
});
fs.writeFileSync(serverStampFile, inputsHash(SERVER_INPUTS));
if (!serverOnly) fs.writeFileSync(stampFile, inputsHash());
console.log('build: done');
