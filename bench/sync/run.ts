/**
 * Sync server benchmark: the same workloads against MOP (`createMopServer`, SQLite) and the reference
 * `@y/websocket-server@0.1.1` (LevelDB via YPERSISTENCE), each in its own child process on 127.0.0.1, driven by
 * stock y-websocket 3 providers in this process. Prints Markdown for docs/benchmarks.md.
 *
 * `npx tsx bench/sync/run.ts [--quick]` or `npm run bench -- sync [--quick]`.
 */
import fs from 'node:fs';
import os from 'node:os';
import { execSync } from 'node:child_process';
import { startServer, dirBytes, copyDir, type BenchServer, type ServerKind } from './servers.ts';
import {
  buildContent,
  coldLoad,
  fanOut,
  loadMany,
  typingBurst,
  typingPaced,
  waitUnloaded,
  writeLog
} from './workloads.ts';
import * as Y from 'yjs';

export interface SyncBenchOptions {
  quick?: boolean;
  log?: (line: string) => void;
}

const KINDS: ServerKind[] = ['mop', 'reference'];
// Every y-websocket provider adds a process 'exit' listener in Node; up to 200 clients live here at once.
process.setMaxListeners(1000);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: with 5 samples p95 is the largest.
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
const median = (values: number[]) => quantile(values, 0.5);
const fmt = (value: number, digits = 1) =>
  value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 1);
const kb = (bytes: number) => fmt(bytes / 1024, 1);

type Samples = Record<ServerKind, Record<string, number[]>>;
const emptySamples = (): Samples => ({ mop: {}, reference: {} });
const at = (s: Samples, kind: ServerKind, key: string): number[] => s[kind][key] ?? [];
function record(samples: Samples, kind: ServerKind, values: Record<string, number>): void {
  for (const [key, value] of Object.entries(values)) (samples[kind][key] ??= []).push(value);
}

export async function runSyncBenchmark(options: SyncBenchOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const reps = options.quick ? 2 : 5;
  const typingEdits = options.quick ? 500 : 2000;
  const fanDocs = options.quick ? 5 : 20;
  const fanEdits = options.quick ? 50 : 200;
  const coldEdits = options.quick ? 1000 : 5000;
  const memDocs = options.quick ? 20 : 100;
  const rows: string[] = [];
  const row = (workload: string, metric: string, s: Samples, key: string, digits = 1, note = '') => {
    const m = at(s, 'mop', key);
    const r = at(s, 'reference', key);
    rows.push(
      `| ${workload} | ${metric} | ${fmt(median(m), digits)} | ${fmt(quantile(m, 0.95), digits)} | ${fmt(median(r), digits)} | ${fmt(quantile(r, 0.95), digits)} | ${fmt(median(m) / median(r), 2)}${note} |`
    );
  };

  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const dirty = execSync('git status --porcelain sync-server packages/shared').toString().trim() !== '';
  log(
    `Sync run of ${new Date().toISOString()}: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' '
      )}, commit ${commit}${dirty ? ' (sync-server/ or packages/shared had uncommitted changes by other engineers)' : ''}; ${reps} measured repetitions after one warm-up.\n`
  );

  // Workloads 1 and 2: both servers up, repetitions interleaved (MOP first on even reps), fresh documents each time.
  {
    const pairsPerRep = 2 + fanDocs;
    const servers = {
      mop: await startServer('mop', { pairs: pairsPerRep * (reps + 1) }),
      reference: await startServer('reference')
    };
    const s = emptySamples();
    const paced = { mop: [] as number[], reference: [] as number[] };
    for (let rep = 0; rep <= reps; rep++) {
      const base = rep * pairsPerRep;
      for (const kind of rep % 2 === 0 ? KINDS : [...KINDS].reverse()) {
        const server = servers[kind];
        const burst = await typingBurst(server, base, typingEdits);
        const latencies = await typingPaced(server, base + 1, options.quick ? 50 : 200, 5);
        const fan = await fanOut(server, base + 2, fanDocs, fanEdits, 1000 + rep);
        if (rep === 0) continue;
        record(s, kind, {
          burstMs: burst.totalMs,
          burstLast: burst.lastEditLatencyMs,
          burstRate: burst.editsPerSecond,
          fanMs: fan.convergenceMs,
          fanRate: fan.editsPerSecond
        });
        record(s, kind, { pacedMedian: median(latencies), pacedP95: quantile(latencies, 0.95) });
        paced[kind].push(...latencies);
      }
    }
    for (const kind of KINDS) {
      const { errors } = await servers[kind].mem();
      if (errors > 0) log(`**${kind} logged ${errors} errors during workloads 1–2.**`);
      await servers[kind].stop();
    }
    row(`1a typing burst, ${typingEdits} edits`, 'all edits at the other client, ms', s, 'burstMs');
    row(`1a typing burst, ${typingEdits} edits`, 'latency of the last edit, ms', s, 'burstLast');
    row(`1a typing burst, ${typingEdits} edits`, 'throughput, edits/s (higher is better)', s, 'burstRate', 0);
    const pacedRow = (label: string, q: number) => {
      const m = quantile(paced.mop, q);
      const r = quantile(paced.reference, q);
      rows.push(
        `| 1b paced typing, 1 edit / 5 ms | per-edit latency ${label} over all ${paced.mop.length} edits, ms | ${fmt(m, 2)} | | ${fmt(r, 2)} | | ${fmt(m / r, 2)} |`
      );
    };
    pacedRow('median', 0.5);
    pacedRow('p95', 0.95);
    row(`2 fan-out, ${fanDocs} docs × 2 clients × ${fanEdits} edits`, 'time to convergence, ms', s, 'fanMs');
    row(
      `2 fan-out, ${fanDocs} docs × 2 clients × ${fanEdits} edits`,
      'throughput, edits/s (higher is better)',
      s,
      'fanRate',
      0
    );
  }

  // Workload 3: cold load of a document of `coldEdits` single-character updates written through each server.
  const disk: string[] = [];
  {
    const s = emptySamples();
    const doc = (server: BenchServer) => server.docName(0);
    // MOP: written through the server (it compacts at 200 rows while open and on last close).
    const mop = await startServer('mop');
    const written = await writeLog(mop, 0, coldEdits);
    const live = await mop.docStats(doc(mop));
    const liveBytes = dirBytes(mop.dataDir);
    await waitUnloaded(mop);
    const closed = await mop.docStats(doc(mop));
    await mop.stop();
    const mopCompacted = mop.dataDir;
    // MOP with the same updates appended raw (no compaction): what a 5,000-row log costs to load.
    const raw = await startServer('mop');
    const emptyBytes = dirBytes(raw.dataDir);
    await raw.appendRaw(doc(raw), written.updates);
    const rawStats = await raw.docStats(doc(raw));
    const rawLiveBytes = dirBytes(raw.dataDir);
    await raw.stop();
    const mopRaw = raw.dataDir;
    // Reference: written through the server; LevelDB keeps every update until a load finds more than 500.
    const ref = await startServer('reference');
    const refEmptyBytes = dirBytes(ref.dataDir);
    const refWritten = await writeLog(ref, 0, coldEdits);
    await ref.stop();
    const refLog = ref.dataDir;
    if (refWritten.text !== written.text) throw new Error('the two servers produced different texts');
    // One load trims the LevelDB log; keep the trimmed directory as the "after compaction" state.
    const trimmer = await startServer('reference', { dataDir: copyDir(refLog, 'mop-bench-ref-trim-') });
    await coldLoad(trimmer, 0, written.text);
    await trimmer.stop();
    const refTrimmed = trimmer.dataDir;

    const variants: [string, ServerKind, string][] = [
      ['mopCompacted', 'mop', mopCompacted],
      ['mopRaw', 'mop', mopRaw],
      ['refLog', 'reference', refLog],
      ['refTrimmed', 'reference', refTrimmed]
    ];
    let syncedEarly = 0;
    for (let rep = 0; rep <= reps; rep++) {
      for (const [key, kind, template] of rep % 2 === 0 ? variants : [...variants].reverse()) {
        const server = await startServer(kind, { dataDir: copyDir(template, `mop-bench-cold-${key}-`) });
        const result = await coldLoad(server, 0, written.text);
        await server.stop();
        fs.rmSync(server.dataDir, { recursive: true, force: true });
        if (rep === 0) continue;
        if (!result.syncedHadContent) syncedEarly++;
        // Both MOP variants are compared with the reference's matching state: log vs log, compacted vs compacted.
        const target = key.startsWith('mop') ? 'mop' : 'reference';
        const slot = key === 'mopCompacted' || key === 'refTrimmed' ? 'compacted' : 'log';
        record(s, target, { [`${slot}Synced`]: result.syncedMs, [`${slot}Content`]: result.contentMs });
      }
    }
    const label = `3 cold load, ${coldEdits} updates`;
    row(`${label}, compacted (MOP 1 row / LevelDB trimmed)`, 'connect → `synced`, ms', s, 'compactedSynced');
    row(`${label}, compacted (MOP 1 row / LevelDB trimmed)`, 'connect → full text, ms', s, 'compactedContent');
    row(
      `${label}, uncompacted log (MOP ${rawStats.rows} rows / LevelDB ${coldEdits}+ entries)`,
      'connect → `synced`, ms',
      s,
      'logSynced'
    );
    row(
      `${label}, uncompacted log (MOP ${rawStats.rows} rows / LevelDB ${coldEdits}+ entries)`,
      'connect → full text, ms',
      s,
      'logContent'
    );
    if (syncedEarly > 0)
      rows.push(
        `| ${label} | loads where \`synced\` came before the content | ${syncedEarly} of ${reps * 4} | | | | |`
      );

    disk.push(
      `| MOP, empty database (schema, bench users) | ${kb(emptyBytes)} | — |`,
      `| MOP, after writing through the server, room still open (WAL not checkpointed) | ${kb(liveBytes)} | ${live.rows} rows, ${kb(live.bytes)} KB of updates |`,
      `| MOP, after last close (compacted) and shutdown (WAL checkpointed) | ${kb(dirBytes(mopCompacted))} | ${closed.rows} row, ${kb(closed.bytes)} KB |`,
      `| MOP, the same ${coldEdits} updates appended raw, open (WAL) | ${kb(rawLiveBytes)} | ${rawStats.rows} rows, ${kb(rawStats.bytes)} KB of updates |`,
      `| MOP, the same, after shutdown (WAL checkpointed) | ${kb(dirBytes(mopRaw))} | ${rawStats.rows} rows |`,
      `| Reference, empty LevelDB directory | ${kb(refEmptyBytes)} | — |`,
      `| Reference, after writing through the server (every update kept) | ${kb(dirBytes(refLog))} | ${coldEdits} updates + 1 |`,
      `| Reference, after one load trimmed it (> 500 updates → one) | ${kb(dirBytes(refTrimmed))} | LevelDB log/SST not yet compacted by LevelDB itself |`
    );
    const encoded = Y.encodeStateAsUpdate(
      (() => {
        const d = new Y.Doc();
        for (const u of written.updates) Y.applyUpdate(d, u);
        return d;
      })()
    );
    disk.push(`| (Y.encodeStateAsUpdate of the document, for scale) | ${kb(encoded.byteLength)} | |`);
    for (const dir of [mopCompacted, mopRaw, refLog, refTrimmed]) fs.rmSync(dir, { recursive: true, force: true });
  }

  // Workload 4: memory of each server process with `memDocs` documents loaded from storage, then after disconnect.
  const memRows: string[] = [];
  {
    const contents = Array.from({ length: memDocs }, (_, i) => buildContent(i + 1, 1000, 100));
    const expected = contents.map((d) => d.getText('t').toString());
    const dirs = {} as Record<ServerKind, string>;
    const diskBytes = {} as Record<ServerKind, number>;
    for (const kind of KINDS) {
      // Populate: the mentors push their offline content; the mentees' arrival proves the server has it.
      const server = await startServer(kind, { pairs: memDocs });
      const { connect } = await import('./clients.ts');
      const writers = contents.map((d, i) => connect(server, i, 0, d));
      const { clients } = await loadMany(server, expected, 1);
      for (const c of [...writers, ...clients]) c.destroy();
      await waitUnloaded(server);
      await server.stop();
      dirs[kind] = server.dataDir;
      diskBytes[kind] = dirBytes(server.dataDir);
    }
    const s = emptySamples();
    for (let rep = 0; rep <= reps; rep++) {
      for (const kind of rep % 2 === 0 ? KINDS : [...KINDS].reverse()) {
        const server = await startServer(kind, { dataDir: dirs[kind], pairs: memDocs });
        const idle = await server.mem();
        const { clients, ms } = await loadMany(server, expected, 1);
        const loaded = await server.mem();
        for (const c of clients) c.destroy();
        const left = await waitUnloaded(server);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const after = await server.mem();
        await server.stop();
        if (rep === 0) continue;
        record(s, kind, {
          loadMs: ms,
          idleRss: idle.rss,
          idleHeap: idle.heapUsed,
          loadedRss: loaded.rss,
          loadedHeap: loaded.heapUsed,
          loadedHeapDelta: loaded.heapUsed - idle.heapUsed,
          loadedOpen: loaded.openDocuments,
          afterRss: after.rss,
          afterHeap: after.heapUsed,
          afterOpen: left
        });
      }
    }
    const label = `4 memory, ${memDocs} docs (~${kb(median(contents.map((d) => Y.encodeStateAsUpdate(d).byteLength)))} KB each encoded)`;
    row(label, 'connect all → all texts complete, ms', s, 'loadMs');
    const memRow = (metric: string, key: string) => {
      const m = median(at(s, 'mop', key));
      const r = median(at(s, 'reference', key));
      memRows.push(`| ${metric} | ${mb(m)} | ${mb(r)} | ${fmt(m / r, 2)} |`);
    };
    memRow('RSS, idle (fresh process)', 'idleRss');
    memRow('heap used, idle', 'idleHeap');
    memRow(`RSS, ${memDocs} docs loaded`, 'loadedRss');
    memRow(`heap used, ${memDocs} docs loaded`, 'loadedHeap');
    memRow('heap used, loaded − idle', 'loadedHeapDelta');
    memRow('RSS, after every client disconnected', 'afterRss');
    memRow('heap used, after every client disconnected', 'afterHeap');
    memRows.push(
      `| documents in memory: loaded / after disconnect | ${median(at(s, 'mop', 'loadedOpen'))} / ${median(at(s, 'mop', 'afterOpen'))} | ${median(at(s, 'reference', 'loadedOpen'))} / ${median(at(s, 'reference', 'afterOpen'))} | |`
    );
    memRows.push(
      `| on disk after populating (MB) | ${mb(diskBytes.mop)} | ${mb(diskBytes.reference)} | ${fmt(diskBytes.mop / diskBytes.reference, 2)} |`
    );
    for (const kind of KINDS) fs.rmSync(dirs[kind], { recursive: true, force: true });
  }

  log('| workload | metric | MOP median | MOP p95 | reference median | reference p95 | MOP / reference (medians) |');
  log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const line of rows) log(line);
  log('\n**Stored size of the cold-load document** (whole data directory; MOP excludes `blobs/`)\n');
  log('| state | bytes on disk (KB) | log |');
  log('| --- | --- | --- |');
  for (const line of disk) log(line);
  log('\n**Server process memory** (medians; `process.memoryUsage()` in each child after two `gc()` calls)\n');
  log('| measure | MOP MB | reference MB | MOP / reference |');
  log('| --- | --- | --- | --- |');
  for (const line of memRows) log(line);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runSyncBenchmark({ quick: process.argv.includes('--quick') });
}
