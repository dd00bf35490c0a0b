/**
 * Sync server under load: a raw-protocol generator (no Yjs in the receivers) against MOP and the reference
 * `@y/websocket-server@0.1.1` with LevelDB, fresh servers for every measurement, MOP and the reference interleaved.
 * Prints Markdown for docs/benchmarks.md: p50/p99 delivery latency per edit rate and the knee (first rate with
 * p99 > 250 ms), 1,000 sockets at 1 edit/s, server CPU per delivery, disk bytes written per edit
 * (/proc/<pid>/io write_bytes), memory at rest, and honest p99 during an attack of hostile frames.
 *
 * `npx tsx bench/sync/load.ts [--clients 500 --docs 100 --seconds 6 --rates 2,4,8,16 --attack-frames 100000]`
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { execSync } from 'node:child_process';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { startServer, type BenchServer, type ServerKind } from './servers.ts';
import { pendingDeleteUpdate, structAheadUpdate, updateFrame } from '../../sync-server/src/sync/crafted-updates.ts';

const KINDS: ServerKind[] = ['mop', 'reference'];
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

function quantile(values: Float64Array | number[], q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
const fmt = (value: number, digits = 1) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) of a process so far. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** Bytes the process caused to be written to storage (pages dirtied), from /proc/<pid>/io. */
function writeBytes(pid: number): number {
  const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
  return Number(/write_bytes: (\d+)/.exec(io)?.[1] ?? Number.NaN);
}

interface LoadClient {
  socket: WebSocket;
  index: number;
  doc: number;
  frames: Uint8Array[];
  sent: number;
}

/**
 * Pre-generates each client's edits as y-websocket frames: client `index` appends `#index:seq;` to its own text,
 * so every update depends only on its own earlier ones and a receiver finds the marker in the raw bytes.
 */
function generateFrames(
  index: number,
  count: number,
  messagesBy: string | null = null
): { frames: Uint8Array[]; bytes: number } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('t');
  const messages = doc.getArray<unknown>('messages');
  for (let seq = 0; seq < count; seq++) {
    // `messages`: each edit is a chat message of the pair's member (`sendMessage`'s shape), which the server's
    // document rules read field by field; the default text edits only pass its size caps.
    if (messagesBy === null) text.insert(text.length, `#${index}:${seq};`);
    else
      messages.push([
        {
          id: `m${index}x${seq}`.padEnd(16, '0'),
          author: messagesBy,
          text: `#${index}:${seq};`,
          createdAt: new Date().toISOString()
        }
      ]);
  }
  doc.destroy();
  return { frames: updates.map(updateFrame), bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) };
}

const HASH = 0x23;
const COLON = 0x3a;
const SEMICOLON = 0x3b;

interface RunResult {
  latencies: number[];
  deliveries: number;
  edits: number;
  updateBytes: number;
  cpuPerDeliveryUs: number;
  writeBytesPerEdit: number;
  connectFailures: number;
  /** write_bytes of the server when the load started; with the figure at stop, the bytes of the whole run. */
  ioAtStart: number;
  honestP99?: number;
  attackFramesSent?: number;
  attackUpgradesRefused?: number;
  logLines?: number;
  commits?: number;
}

/** Opens a raw y-websocket connection and resolves once the server's first message arrived. */
function openClient(server: BenchServer, doc: number, side: 0 | 1, onMessage: (data: Buffer) => void) {
  return new Promise<WebSocket>((resolve, reject) => {
    const cookie = server.cookie(doc, side);
    const socket = new WebSocket(`${server.wsBase}/${server.docName(doc)}`, {
      headers: cookie ? { cookie } : {},
      perMessageDeflate: false
    });
    let first = true;
    socket.on('message', (data: Buffer) => {
      if (first) {
        first = false;
        resolve(socket);
      }
      onMessage(data);
    });
    socket.on('error', reject);
    socket.on('unexpected-response', (_request, response) => reject(new Error(`upgrade ${response.statusCode}`)));
  });
}

/**
 * One measurement: `clients` raw sockets over `docs` documents, each sending `rate` edits/s for `seconds`
 * (staggered evenly), every other client of the same document recording when each edit arrives.
 */
export async function runLoad(
  server: BenchServer,
  options: {
    clients: number;
    docs: number;
    rate: number;
    seconds: number;
    attackFrames?: number;
    /** Send chat messages of the pair's members instead of text edits (MOP's bench pairs). */
    messages?: boolean;
  }
): Promise<RunResult> {
  const { clients, docs, rate, seconds } = options;
  const perClient = Math.ceil(rate * seconds);
  const sentAt: Float64Array[] = [];
  const latencies: number[] = [];
  let deliveries = 0;
  let updateBytes = 0;
  // Client i opens document i % docs as side i % 2 (mentor, mentee): its messages name that member.
  const author = (i: number) => `bench-${i % 2 === 0 ? 'mentor' : 'mentee'}-${i % docs}`;
  const generated = Array.from({ length: clients }, (_, i) =>
    generateFrames(i, perClient, options.messages ? author(i) : null)
  );
  const loadClients: LoadClient[] = [];
  let connectFailures = 0;
  for (let start = 0; start < clients; start += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, clients - start) }, async (_, k) => {
        const index = start + k;
        const doc = index % docs;
        sentAt[index] = new Float64Array(perClient);
        const onMessage = (data: Buffer) => {
          // Only sync updates and step 2 carry edits; awareness and step 1 are skipped by the first bytes.
          if (data[0] !== 0 || (data[1] !== 1 && data[1] !== 2)) return;
          const now = performance.now();
          // Markers are ASCII `#client:seq;` inside the update's strings: parsed by hand, no decoding, no regex.
          for (let at = data.indexOf(HASH); at >= 0; at = data.indexOf(HASH, at + 1)) {
            let p = at + 1;
            let from = 0;
            let seq = 0;
            while (p < data.length && data[p] !== COLON) from = from * 10 + ((data[p++] as number) - 48);
            p += 1;
            while (p < data.length && data[p] !== SEMICOLON) seq = seq * 10 + ((data[p++] as number) - 48);
            if (from === index || p >= data.length) continue;
            const sent = sentAt[from]?.[seq];
            if (sent === undefined || sent === 0) continue;
            deliveries += 1;
            latencies.push(now - sent);
          }
        };
        try {
          const socket = await openClient(server, doc, (index % 2) as 0 | 1, onMessage);
          const generatedFrames = generated[index] as { frames: Uint8Array[]; bytes: number };
          updateBytes += generatedFrames.bytes;
          return { socket, index, doc, frames: generatedFrames.frames, sent: 0 };
        } catch {
          connectFailures += 1;
          return null;
        }
      })
    );
    for (const c of batch) if (c) loadClients.push(c);
  }

  const attack = options.attackFrames ? startAttack(server, docs, options.attackFrames, seconds) : null;
  const cpu0 = cpuSeconds(server.pid);
  const io0 = writeBytes(server.pid);
  const t0 = performance.now();
  const intervalMs = 1000 / rate;
  // Client i sends edit s at t0 + (i / clients + s) * interval: an even spread, checked every 2 ms.
  let remaining = loadClients.length;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - t0;
      for (const c of loadClients) {
        while (c.sent < c.frames.length && (c.index / clients + c.sent) * intervalMs <= elapsed) {
          (sentAt[c.index] as Float64Array)[c.sent] = performance.now();
          if (c.socket.readyState === WebSocket.OPEN) c.socket.send(c.frames[c.sent] as Uint8Array);
          c.sent += 1;
          if (c.sent === c.frames.length) remaining -= 1;
        }
      }
      if (remaining <= 0) resolve();
      else setTimeout(tick, 2);
    };
    tick();
  });
  // Wait until every edit reached every other client of its document (or 15 s), then 500 ms more for LevelDB's
  // queued writes, before reading the counters: CPU and disk are per delivered edit, backlog included.
  const perDoc = new Map<number, number>();
  for (const c of loadClients) perDoc.set(c.doc, (perDoc.get(c.doc) ?? 0) + 1);
  const expected = loadClients.reduce((sum, c) => sum + c.sent * ((perDoc.get(c.doc) ?? 1) - 1), 0);
  const deadline = performance.now() + 15_000;
  while (deliveries < expected && performance.now() < deadline) await sleep(20);
  await sleep(500);
  const cpu = cpuSeconds(server.pid) - cpu0;
  const written = writeBytes(server.pid) - io0;
  const ioAtStart = io0;
  const attackResult = attack ? await attack.stop() : null;
  const edits = loadClients.reduce((sum, c) => sum + c.sent, 0);
  for (const c of loadClients) c.socket.terminate();
  const figures = await server.mem();
  return {
    latencies,
    deliveries,
    edits,
    updateBytes: updateBytes * (edits / Math.max(1, perClient * loadClients.length)),
    cpuPerDeliveryUs: (cpu / Math.max(1, deliveries)) * 1e6,
    writeBytesPerEdit: written / Math.max(1, edits),
    ioAtStart,
    connectFailures,
    attackFramesSent: attackResult?.sent,
    attackUpgradesRefused: attackResult?.refused,
    logLines: figures.logLines,
    commits: figures.commits
  };
}

/**
 * Hostile traffic from `sockets` connections: malformed bytes, a struct-ahead update and a 1,000-range delete of
 * an unknown client, in turn, as fast as the sockets take them, up to `frames`. A socket the server closes is
 * replaced (with the next pair's session for MOP, whose cool-down refuses the closed one for a while).
 */
function startAttack(server: BenchServer, docs: number, frames: number, seconds: number) {
  const hostile = [
    new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
    updateFrame(structAheadUpdate().update),
    updateFrame(pendingDeleteUpdate(0x7fff_0000, 1000)),
    (() => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 9);
      return encoding.toUint8Array(encoder);
    })()
  ];
  let sent = 0;
  let refused = 0;
  let stopped = false;
  let next = 0;
  const perTick = Math.ceil(frames / ((seconds * 1000) / 10) / 4);
  const open = new Set<WebSocket>();
  const spawn = () => {
    if (stopped || sent >= frames) return;
    const doc = next++ % docs;
    const cookie = server.cookie(doc, 1);
    const socket = new WebSocket(`${server.wsBase}/${server.docName(doc)}`, {
      headers: cookie ? { cookie } : {},
      perMessageDeflate: false
    });
    socket.on('error', () => {});
    socket.on('unexpected-response', (_request, response) => {
      refused += 1;
      response.resume();
      setTimeout(spawn, 10);
    });
    socket.on('open', () => open.add(socket));
    socket.on('close', () => {
      open.delete(socket);
      setTimeout(spawn, 10);
    });
  };
  for (let i = 0; i < 4; i++) spawn();
  const timer = setInterval(() => {
    for (const socket of open) {
      for (let k = 0; k < perTick && sent < frames; k++) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(hostile[sent % hostile.length] as Uint8Array);
        sent += 1;
      }
    }
  }, 10);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const socket of open) socket.terminate();
      return { sent, refused };
    }
  };
}

export { startServer };

export async function runLoadBenchmark(log: (line: string) => void = console.log): Promise<void> {
  const clients = Number(arg('clients', '500'));
  const docs = Number(arg('docs', '100'));
  const seconds = Number(arg('seconds', '6'));
  const rates = arg('rates', '2,4,8,16').split(',').map(Number);
  const attackFrames = Number(arg('attack-frames', '100000'));
  const commit = process.env.BENCH_COMMIT ?? execSync('git rev-parse --short HEAD').toString().trim();
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  log(
    `Load run of ${new Date().toISOString()}: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, commit ${commit}, load average at start ${load()}; ${clients} clients over ${docs} documents, ${seconds} s per measurement, a fresh server per measurement, MOP and reference alternating.\n`
  );
  const pairs = Math.max(docs, 500);
  const fresh = (kind: ServerKind) => startServer(kind, { pairs: kind === 'mop' ? pairs : 1 });
  const rows: string[] = [];
  const knee: Record<ServerKind, number | null> = { mop: null, reference: null };
  const measure = async (
    label: string,
    options: Parameters<typeof runLoad>[1],
    flip: boolean
  ): Promise<Record<ServerKind, RunResult>> => {
    const results = {} as Record<ServerKind, RunResult>;
    for (const kind of flip ? [...KINDS].reverse() : KINDS) {
      process.stderr.write(`${new Date().toISOString()} ${label}: ${kind}\n`);
      const server = await fresh(kind);
      results[kind] = await runLoad(server, options);
      // Disk per edit counts everything written until the server stopped: LevelDB's queued writes and MOP's
      // compaction of the documents the clients left.
      const { writeBytes: atStop } = await server.stop();
      if (atStop !== undefined) {
        results[kind].writeBytesPerEdit = (atStop - results[kind].ioAtStart) / Math.max(1, results[kind].edits);
      }
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
    const m = results.mop;
    const r = results.reference;
    const p = (x: RunResult, q: number) => quantile(x.latencies, q);
    rows.push(
      `| ${label} | ${fmt(p(m, 0.5))} / ${fmt(p(m, 0.99))} | ${fmt(p(r, 0.5))} / ${fmt(p(r, 0.99))} | ${fmt(p(m, 0.99) / p(r, 0.99), 2)} | ${fmt(m.cpuPerDeliveryUs, 0)} / ${fmt(r.cpuPerDeliveryUs, 0)} | ${fmt(m.writeBytesPerEdit, 0)} / ${fmt(r.writeBytesPerEdit, 0)} (update ${fmt(m.updateBytes / Math.max(1, m.edits), 0)} B) | ${m.deliveries} / ${r.deliveries} | ${m.commits ?? '—'} | ${load()} |`
    );
    return results;
  };

  let flip = false;
  for (const rate of rates) {
    const results = await measure(`${clients} clients, ${rate} edits/s each`, { clients, docs, rate, seconds }, flip);
    flip = !flip;
    for (const kind of KINDS) {
      if (knee[kind] === null && quantile(results[kind].latencies, 0.99) > 250) knee[kind] = rate;
    }
  }
  await measure('1,000 sockets (500 docs × 2), 1 edit/s each', { clients: 1000, docs: 500, rate: 1, seconds }, flip);
  flip = !flip;

  // Attack: honest p99 with and without hostile frames, each server against itself.
  const honest = { clients: 100, docs: 20, rate: 2, seconds };
  const attackRows: string[] = [];
  const attackResults = {} as Record<ServerKind, { calm: RunResult; attacked: RunResult }>;
  for (const kind of flip ? [...KINDS].reverse() : KINDS) {
    const calmServer = await fresh(kind);
    const calm = await runLoad(calmServer, honest);
    await calmServer.stop();
    const attackedServer = await fresh(kind);
    const attacked = await runLoad(attackedServer, { ...honest, attackFrames });
    await attackedServer.stop();
    attackResults[kind] = { calm, attacked };
  }
  for (const kind of KINDS) {
    const { calm, attacked } = attackResults[kind];
    const c = quantile(calm.latencies, 0.99);
    const a = quantile(attacked.latencies, 0.99);
    attackRows.push(
      `| ${kind} | ${fmt(c)} | ${fmt(a)} | ${fmt(a / c, 2)} | ${attacked.attackFramesSent} | ${attacked.attackUpgradesRefused} | ${attacked.logLines ?? '—'} | ${load()} |`
    );
  }

  // Memory at rest: a fresh server after two gc() calls, and the same after a load came and went.
  const memRows: string[] = [];
  for (const kind of KINDS) {
    const server = await fresh(kind);
    const idle = await server.mem();
    await runLoad(server, { clients: 200, docs: 100, rate: 2, seconds: 3 });
    await sleep(1500);
    const after = await server.mem();
    await server.stop();
    memRows.push(
      `| ${kind} | ${fmt(idle.rss / 1048576)} | ${fmt(idle.heapUsed / 1048576)} | ${fmt(after.rss / 1048576)} | ${fmt(after.heapUsed / 1048576)} | ${after.openDocuments} |`
    );
  }

  log(
    '| load | MOP p50 / p99 ms | reference p50 / p99 ms | p99 MOP / reference | server CPU µs per delivery, MOP / ref | disk bytes written per edit, MOP / ref | deliveries MOP / ref | MOP commits | load average |'
  );
  log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const line of rows) log(line);
  log(
    `\nKnee (first rate with p99 > 250 ms): MOP ${knee.mop === null ? `above ${rates.at(-1)}` : knee.mop} edits/s per client, reference ${knee.reference === null ? `above ${rates.at(-1)}` : knee.reference} edits/s per client.\n`
  );
  log(
    `**Attack**: ${honest.clients} honest clients over ${honest.docs} documents at ${honest.rate} edits/s; up to ${attackFrames} hostile frames during the same ${seconds} s (malformed bytes, a struct-ahead update, a 1,000-range delete of an unknown client, an unknown sync type).\n`
  );
  log(
    '| server | honest p99 calm, ms | honest p99 under attack, ms | ratio | hostile frames sent | upgrades refused | server log lines | load average |'
  );
  log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const line of attackRows) log(line);
  log('\n**Memory at rest** (after two gc() calls)\n');
  log('| server | RSS fresh, MB | heap fresh, MB | RSS after a load left, MB | heap after, MB | docs still open |');
  log('| --- | --- | --- | --- | --- | --- |');
  for (const line of memRows) log(line);
}

/**
 * What the document rules (docs/sync.md, "What a document accepts") cost per update: the same load against MOP with
 * the check on and off (`checkDocuments: false`), fresh servers, alternating, `rounds` times, for text edits (size
 * caps only) and chat messages (read field by field). Prints server CPU per delivery and p50/p99 with the ratios.
 *
 * `npx tsx bench/sync/load.ts --check-cost [--clients 200 --docs 100 --seconds 6 --rate 4 --rounds 3]`
 */
export async function runCheckCost(log: (line: string) => void = console.log): Promise<void> {
  const clients = Number(arg('clients', '200'));
  const docs = Number(arg('docs', '100'));
  const seconds = Number(arg('seconds', '6'));
  const rate = Number(arg('rate', '4'));
  const rounds = Number(arg('rounds', '3'));
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
  log(
    `Check cost run of ${new Date().toISOString()}: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, commit ${commit}, load average at start ${load()}; ${clients} clients over ${docs} documents, ${rate} edits/s each, ${seconds} s, ${rounds} rounds, a fresh server per measurement, check on and off alternating.\n`
  );
  log('| workload | check | server CPU µs per delivery | p50 / p99 ms | deliveries | server log lines |');
  log('| --- | --- | --- | --- | --- | --- |');
  const summary: string[] = [];
  for (const messages of [false, true]) {
    const totals = { on: { cpu: 0, deliveries: 0 }, off: { cpu: 0, deliveries: 0 } };
    for (let round = 0; round < rounds; round++) {
      for (const check of round % 2 === 0 ? ['on', 'off'] : ['off', 'on']) {
        const server = await startServer('mop', { pairs: docs, checkDocuments: check === 'on' });
        const result = await runLoad(server, { clients, docs, rate, seconds, messages });
        const { logLines } = result;
        await server.stop();
        fs.rmSync(server.dataDir, { recursive: true, force: true });
        const bucket = totals[check as 'on' | 'off'];
        bucket.cpu += result.cpuPerDeliveryUs * result.deliveries;
        bucket.deliveries += result.deliveries;
        log(
          `| ${messages ? 'messages' : 'text'} | ${check} | ${fmt(result.cpuPerDeliveryUs, 0)} | ${fmt(quantile(result.latencies, 0.5))} / ${fmt(quantile(result.latencies, 0.99))} | ${result.deliveries} | ${logLines ?? 0} |`
        );
      }
    }
    const on = totals.on.cpu / Math.max(1, totals.on.deliveries);
    const off = totals.off.cpu / Math.max(1, totals.off.deliveries);
    summary.push(
      `${messages ? 'Messages' : 'Text edits'}: ${fmt(on, 0)} µs with the check, ${fmt(off, 0)} µs without, ratio ${fmt(on / off, 2)} (load average ${load()}).`
    );
  }
  log('');
  for (const line of summary) log(line);
}

if (import.meta.url === `file://${process.argv[1]}` && !process.argv.includes('--debug')) {
  process.setMaxListeners(0);
  if (process.argv.includes('--check-cost')) await runCheckCost();
  else await runLoadBenchmark();
  process.exit(0);
}
