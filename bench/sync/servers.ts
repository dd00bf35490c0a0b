/** Starts MOP or the reference server in a child process and drives it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildReply, MemoryFigures, ParentCommand } from './protocol.ts';

export type ServerKind = 'mop' | 'reference';

export interface BenchServer {
  kind: ServerKind;
  dataDir: string;
  /** The server child's process id (for /proc/<pid>/stat and /proc/<pid>/io). */
  pid: number;
  /** Kills the child with SIGKILL and waits for it to exit (the crash test). */
  kill(): Promise<void>;
  /** The `serverUrl` to give WebsocketProvider (the room name is appended by the provider). */
  wsBase: string;
  /** The document of pair `i`: the mentorship document for MOP, the same room name for the reference. */
  docName(i: number): string;
  /** The cookie for side 0 (mentor) or 1 (mentee) of pair `i`; undefined for the reference (no auth). */
  cookie(i: number, side: 0 | 1): string | undefined;
  mem(): Promise<MemoryFigures>;
  appendRaw(docName: string, updates: Uint8Array[]): Promise<void>;
  docStats(docName: string): Promise<{ rows: number; bytes: number }>;
  /** Graceful stop: MOP closes (compacting open docs); the reference drains its LevelDB write queue. */
  stop(): Promise<{ writeBytes?: number }>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until something accepts connections on `port` (127.0.0.1), polling every `intervalMs`. */
export async function waitForPort(port: number, attempts = 600, intervalMs = 100): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`nothing listens on ${port}`);
}

/** Starts a server child on `dataDir` (a fresh temp dir unless given). `pairs` only matters for MOP. */
export async function startServer(
  kind: ServerKind,
  options: { dataDir?: string; pairs?: number; checkDocuments?: boolean } = {}
): Promise<BenchServer> {
  const dataDir = options.dataDir ?? tempDir(`mop-bench-${kind}-`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  let entry: string;
  if (kind === 'mop') {
    entry = path.join(here, 'mop-server.ts');
    Object.assign(env, {
      MOP_BENCH_DATA: dataDir,
      MOP_BENCH_PAIRS: String(options.pairs ?? 1),
      MOP_BENCH_CHECK: options.checkDocuments === false ? '0' : '1'
    });
  } else {
    entry = path.join(here, 'reference-server.ts');
    Object.assign(env, { HOST: '127.0.0.1', PORT: String(await freePort()), YPERSISTENCE: dataDir });
  }
  // Both run the same way: node --expose-gc with the tsx loader, so loader overhead is the same in both.
  // SYNC_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server child there (written at its graceful stop).
  const profile = process.env.SYNC_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SYNC_BENCH_CPU_PROF}`]
    : [];
  const child = fork(entry, [], {
    execArgv: ['--expose-gc', '--import', 'tsx', ...profile],
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc']
  });
  const ready = await new Promise<Extract<ChildReply, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), 60_000);
    child.once('message', (reply: ChildReply) => {
      clearTimeout(timer);
      if (reply.type === 'ready') resolve(reply);
      else reject(new Error(`unexpected ${reply.type}`));
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return wrap(kind, child, ready, dataDir);
}

function wrap(
  kind: ServerKind,
  child: ChildProcess,
  ready: Extract<ChildReply, { type: 'ready' }>,
  dataDir: string
): BenchServer {
  let nextId = 1;
  const pending = new Map<number, (reply: ChildReply) => void>();
  child.on('message', (reply: ChildReply) => {
    if ('id' in reply) {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    }
  });
  const ask = <T extends ChildReply>(command: Omit<ParentCommand, 'id'>): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind}: no answer to ${command.type}`)), 60_000);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply as T);
      });
      child.send({ ...command, id });
    });
  };
  const base = `ws://127.0.0.1:${ready.port}`;
  return {
    kind,
    dataDir,
    pid: child.pid ?? 0,
    async kill() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    wsBase: kind === 'mop' ? `${base}/sync` : base,
    docName: (i) => `mentorship:bench-pair-${i}`,
    cookie: (i, side) => (kind === 'mop' ? ready.cookies[i]?.[side] : undefined),
    mem: () => ask<Extract<ChildReply, { type: 'mem' }>>({ type: 'mem' }),
    async appendRaw(docName, updates) {
      await ask({ type: 'appendRaw', docName, updates: updates.map((u) => Buffer.from(u).toString('base64')) } as Omit<
        ParentCommand,
        'id'
      >);
    },
    async docStats(docName) {
      const reply = await ask<Extract<ChildReply, { type: 'docStats' }>>({ type: 'docStats', docName } as Omit<
        ParentCommand,
        'id'
      >);
      return { rows: reply.rows, bytes: reply.bytes };
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const reply = await ask<Extract<ChildReply, { type: 'done' }>>({ type: 'stop' });
      await exited;
      return { writeBytes: reply.writeBytes };
    }
  };
}

/** Bytes of every file under `dir` (SQLite file + WAL + SHM, or the LevelDB directory), blobs/ excluded. */
export function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += entry.name === 'blobs' ? 0 : dirBytes(full);
    else total += fs.statSync(full).size;
  }
  return total;
}

export function copyDir(from: string, prefix: string): string {
  const to = tempDir(prefix);
  fs.cpSync(from, to, { recursive: true });
  return to;
}
