/** The four sync workloads. Each runs against a started BenchServer and returns raw samples. */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { connect, whenDoc, whenSynced, type BenchClient } from './clients.ts';
import type { BenchServer } from './servers.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small seeded PRNG (mulberry32) so both servers get exactly the same edits. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function pairOn(server: BenchServer, pair: number): Promise<[BenchClient, BenchClient]> {
  const a = connect(server, pair, 0);
  const b = connect(server, pair, 1);
  await Promise.all([whenSynced(a), whenSynced(b)]);
  return [a, b];
}

function assertSame(a: BenchClient, b: BenchClient, what: string): void {
  if (a.text.toString() !== b.text.toString()) throw new Error(`${what}: clients diverged`);
}

/**
 * Workload 1a: one client types `edits` single characters as fast as it can (each its own transaction, so
 * each is its own WebSocket message); returns the time until the other client has all of them.
 */
export async function typingBurst(server: BenchServer, pair: number, edits: number) {
  const [a, b] = await pairOn(server, pair);
  const done = whenDoc(b, () => b.text.length >= edits);
  const t0 = performance.now();
  let lastIssued = t0;
  for (let k = 0; k < edits; k++) {
    a.text.insert(k, String.fromCharCode(97 + (k % 26)));
    lastIssued = performance.now();
  }
  const tEnd = await done;
  assertSame(a, b, 'typing');
  a.destroy();
  b.destroy();
  return { totalMs: tEnd - t0, lastEditLatencyMs: tEnd - lastIssued, editsPerSecond: edits / ((tEnd - t0) / 1000) };
}

/** Workload 1b: paced typing, one character every `intervalMs`; returns each edit's end-to-end latency. */
export async function typingPaced(server: BenchServer, pair: number, edits: number, intervalMs: number) {
  const [a, b] = await pairOn(server, pair);
  const arrived = new Float64Array(edits);
  b.doc.on('update', () => {
    const now = performance.now();
    for (let k = 0; k < b.text.length && k < edits; k++) if (arrived[k] === 0) arrived[k] = now;
  });
  const issued = new Float64Array(edits);
  const done = whenDoc(b, () => b.text.length >= edits);
  for (let k = 0; k < edits; k++) {
    // Appending at the end keeps index k = edit k on the reader.
    issued[k] = performance.now();
    a.text.insert(k, 'x');
    await sleep(intervalMs);
  }
  await done;
  a.destroy();
  b.destroy();
  return Array.from(issued, (t, k) => (arrived[k] ?? Number.NaN) - t);
}

/** Workload 2: `docs` pairs, both clients of each writing `edits` characters at random places, interleaved. */
export async function fanOut(server: BenchServer, firstPair: number, docs: number, edits: number, seed: number) {
  const pairs = await Promise.all(Array.from({ length: docs }, (_, i) => pairOn(server, firstPair + i)));
  const clients = pairs.flat();
  const random = prng(seed);
  const converged = Promise.all(clients.map((c) => whenDoc(c, () => c.text.length >= 2 * edits)));
  const t0 = performance.now();
  for (let k = 0; k < edits; k++) {
    for (const c of clients) c.text.insert(Math.floor(random() * (c.text.length + 1)), 'y');
    // Let sockets flush between rounds so the clients really interleave, as concurrent typists would.
    await tick();
  }
  const times = await converged;
  const tEnd = Math.max(...times);
  for (const [a, b] of pairs) assertSame(a, b, 'fan-out');
  for (const c of clients) c.destroy();
  return { convergenceMs: tEnd - t0, editsPerSecond: (clients.length * edits) / ((tEnd - t0) / 1000) };
}

/**
 * Writes `edits` single-character transactions through the server with one client and waits until a second
 * client has them all. Returns the client-side updates (one per edit) and the final text.
 */
export async function writeLog(server: BenchServer, pair: number, edits: number) {
  const [a, b] = await pairOn(server, pair);
  const updates: Uint8Array[] = [];
  a.doc.on('update', (update: Uint8Array) => updates.push(update));
  const done = whenDoc(b, () => b.text.length >= edits);
  for (let k = 0; k < edits; k++) {
    a.text.insert(k, String.fromCharCode(97 + (k % 26)));
    if (k % 500 === 499) await tick();
  }
  await done;
  const text = b.text.toString();
  a.destroy();
  b.destroy();
  return { updates, text };
}

/** Workload 3: a fresh client on a freshly started server; time to `synced` and to the full content. */
export async function coldLoad(server: BenchServer, pair: number, expected: string) {
  const t0 = performance.now();
  const c = connect(server, pair, 0);
  const [synced, complete] = await Promise.all([whenSynced(c), whenDoc(c, () => c.text.length >= expected.length)]);
  if (c.text.toString() !== expected) throw new Error('cold load: wrong content');
  const syncedHadContent = c.text.length >= expected.length && synced >= complete;
  c.destroy();
  return { syncedMs: synced - t0, contentMs: complete - t0, syncedHadContent };
}

/** A document with realistic structure: `inserts` words at random places and `deletes` deletions, each its own transaction. */
export function buildContent(seed: number, inserts: number, deletes: number): Y.Doc {
  const random = prng(seed);
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const words = ['mentor ', 'session ', 'goal ', 'portfolio ', 'feedback ', 'next step ', 'idea ', 'draft '];
  for (let k = 0; k < inserts; k++)
    text.insert(Math.floor(random() * (text.length + 1)), words[Math.floor(random() * words.length)] ?? '');
  for (let k = 0; k < deletes; k++) {
    const at = Math.floor(random() * Math.max(1, text.length - 5));
    text.delete(at, 1 + Math.floor(random() * 5));
  }
  return doc;
}

/** Workload 4 (load phase): one client per document, waits until every client has the expected text. */
export async function loadMany(server: BenchServer, expected: string[], side: 0 | 1 = 1) {
  const t0 = performance.now();
  const clients = expected.map((_, i) => connect(server, i, side));
  await Promise.all(clients.map((c, i) => whenDoc(c, () => c.text.toString() === expected[i], 60_000)));
  return { clients, ms: performance.now() - t0 };
}

/** Polls the server until it reports no open document (or `timeoutMs` passes); returns the count. */
export async function waitUnloaded(server: BenchServer, timeoutMs = 5000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { openDocuments } = await server.mem();
    if (openDocuments === 0 || performance.now() > deadline) return openDocuments;
    await sleep(50);
  }
}
