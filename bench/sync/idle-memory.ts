/**
 * Memory at rest of the servers as they run in production: MOP's compiled server (`npm run build` →
 * `dist/server/main.js`, plain node, no tsx) and the reference `@y/websocket-server@0.1.1` with LevelDB (plain node),
 * each a fresh child on an empty data directory, measured `--rounds` times alternately after `--settle` seconds and
 * two gc() calls. Prints RSS and heap, and with `--snapshot <dir>` writes a heap snapshot of each MOP child and
 * lists the largest heap contents by constructor and by script.
 *
 * MOP runs as `npm run serve` runs it (`node dist/server/main.js`); `--source-maps` adds `--enable-source-maps` (to
 * measure its cost), `--entry <file>` measures another build. "At rest" is after `--settle` seconds (default 30: V8's
 * memory reducer returns the start's garbage to the system a few seconds after the process goes idle).
 *
 * `npm run build && npx tsx bench/sync/idle-memory.ts [--rounds 3 --settle 30 --snapshot /tmp/snapshots --verbose]`
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort, waitForPort } from './servers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

type Kind = 'mop' | 'reference';

async function start(kind: Kind): Promise<{ child: ChildProcess; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `mop-idle-${kind}-`));
  const port = await freePort();
  const entry =
    kind === 'mop'
      ? mopEntry
      : path.join(
          path.dirname(createRequire(import.meta.url).resolve('@y/websocket-server/package.json')),
          'src/server.js'
        );
  const env: NodeJS.ProcessEnv =
    kind === 'mop'
      ? { ...process.env, NODE_ENV: 'production', PORT: String(port), MOP_DATA_DIR: dataDir, MOP_DEMO: '0' }
      : { ...process.env, HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: dataDir };
  const child = fork(entry, [], {
    execArgv: [
      '--expose-gc',
      ...(kind === 'mop' && process.argv.includes('--source-maps') ? ['--enable-source-maps'] : []),
      '--import',
      pathToProbe()
    ],
    env,
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc']
  });
  await waitForPort(port);
  return { child, dataDir };
}

const pathToProbe = () => new URL('./memory-probe.mjs', import.meta.url).href;

function ask<T>(child: ChildProcess, command: Record<string, unknown>): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (reply) => resolve(reply as T));
    child.send(command);
  });
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Self sizes of a heap snapshot summed by node type + constructor name, largest first. */
function summarise(file: string): { total: number; top: [string, number][] } {
  const heap = JSON.parse(fs.readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = heap.snapshot.meta.node_fields;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [
    number,
    number,
    number
  ];
  const types = heap.snapshot.meta.node_types[0];
  const sums = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const size = heap.nodes[i + sizeAt] ?? 0;
    const type = types[heap.nodes[i + typeAt] ?? 0] ?? '?';
    const name = type === 'object' || type === 'closure' ? (heap.strings[heap.nodes[i + nameAt] ?? 0] ?? '?') : '';
    const key = `${type}${name ? ` ${name.slice(0, 60)}` : ''}`;
    sums.set(key, (sums.get(key) ?? 0) + size);
    total += size;
  }
  return { total, top: [...sums].sort((a, b) => b[1] - a[1]).slice(0, 15) };
}

const rounds = Number(arg('rounds', '3'));
const settle = Number(arg('settle', '30'));
const snapshotDir = process.argv.includes('--snapshot') ? arg('snapshot', os.tmpdir()) : null;
const mopEntry = path.resolve(arg('entry', path.join(root, 'dist/server/main.js')));
if (!fs.existsSync(mopEntry)) {
  console.error('No compiled server: run `npm run build` first.');
  process.exit(1);
}
const results: Record<Kind, { rss: number; heapUsed: number }[]> = { mop: [], reference: [] };
for (let round = 0; round < rounds; round++) {
  for (const kind of (round % 2 === 0 ? ['mop', 'reference'] : ['reference', 'mop']) as Kind[]) {
    const { child, dataDir } = await start(kind);
    await sleep(settle * 1000);
    const mem = await ask<{ rss: number; heapUsed: number }>(child, { type: 'mem' });
    if (process.argv.includes('--verbose')) console.log(kind, JSON.stringify(mem));
    results[kind].push(mem);
    if (kind === 'mop' && snapshotDir && round === 0) {
      const { path: file } = await ask<{ path: string }>(child, {
        type: 'snapshot',
        path: path.join(snapshotDir, `mop-idle-${Date.now()}.heapsnapshot`)
      });
      const { total, top } = summarise(file);
      console.log(`Heap snapshot ${file}: ${mb(total)} MB of live objects; largest by type and constructor:`);
      for (const [key, size] of top) console.log(`  ${mb(size).padStart(6)} MB  ${key}`);
    }
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
console.log(`\n| server | RSS at rest, MB (median of ${rounds}) | heap used, MB | runs (RSS) | load average |`);
console.log('| --- | --- | --- | --- | --- |');
for (const kind of ['mop', 'reference'] as Kind[]) {
  const rss = results[kind].map((r) => r.rss);
  const heap = results[kind].map((r) => r.heapUsed);
  console.log(
    `| ${kind === 'mop' ? 'MOP (dist/server/main.js)' : 'reference (LevelDB)'} | ${mb(median(rss))} | ${mb(median(heap))} | ${rss.map(mb).join(', ')} | ${load} |`
  );
}
console.log(
  `\nMOP / reference: ${(median(results.mop.map((r) => r.rss)) / median(results.reference.map((r) => r.rss))).toFixed(2)}× RSS, ${(median(results.mop.map((r) => r.heapUsed)) / median(results.reference.map((r) => r.heapUsed))).toFixed(2)}× heap`
);
