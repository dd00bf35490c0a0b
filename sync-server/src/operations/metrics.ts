/**
 * Health and metrics for the admin: `GET /api/health` answers 200 only when the database answers, and
 * `GET /api/metrics` gives Prometheus text behind `Authorization: Bearer <MOP_METRICS_TOKEN>` (off without a token).
 */
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import client from 'prom-client';
import type { HealthResponse } from '@mop/shared';
import { apiError } from '../http/errors.ts';
import type { ModuleContext, ServerModule } from '../module.ts';
import { BLOB_DIRECTORIES, DATABASE_FILE } from './backup.ts';

/** What the sync layer tells the metrics. */
interface SyncGauges {
  readonly openRooms: number;
  readonly openConnections: number;
  readonly stats: { readonly updatesStored: number; readonly rejectedFrames: number };
}

export interface OperationsOptions {
  sync: SyncGauges;
  /** The bearer token that opens `/api/metrics`; without it the endpoint answers 404. */
  metricsToken?: string | undefined;
}

/** Walking the blob directories costs a directory read per file: done at most once a minute. */
const SIZE_CACHE_MS = 60_000;

/** The operations module plus the hook the request logger reports each request to. */
export interface OperationsModule extends ServerModule {
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void;
}

export function createOperationsModule(ctx: ModuleContext, options: OperationsOptions): OperationsModule {
  // A registry of its own (not prom-client's global one), so several servers in one process (tests) do not collide.
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'mop_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry]
  });
  const durations = new client.Histogram({
    name: 'mop_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route pattern',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.02, 0.1, 0.5, 2, 10],
    registers: [registry]
  });
  new client.Gauge({
    name: 'mop_sync_rooms_open',
    help: 'Documents loaded in memory (sync rooms with at least one connection)',
    registers: [registry],
    collect() {
      this.set(options.sync.openRooms);
    }
  });
  new client.Gauge({
    name: 'mop_sync_sockets_open',
    help: 'Open sync WebSocket connections',
    registers: [registry],
    collect() {
      this.set(options.sync.openConnections);
    }
  });
  // Counters read from the sync layer's own totals: rate(mop_sync_updates_stored_total[1m]) is updates per second.
  new client.Counter({
    name: 'mop_sync_updates_stored_total',
    help: 'Document updates stored since the server started',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(options.sync.stats.updatesStored);
    }
  });
  new client.Counter({
    name: 'mop_sync_frames_refused_total',
    help: 'Sync frames refused (malformed, or updates that would break a document) since the server started',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(options.sync.stats.rejectedFrames);
    }
  });
  // The outbox (mail module): how many mails wait or failed, and how long the oldest unsent one has waited.
  const outboxTable = ctx.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get();
  const outboxCounts = outboxTable ? ctx.db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status') : null;
  const outboxOldest = outboxTable
    ? ctx.db.prepare("SELECT MIN(created_at) AS oldest FROM outbox WHERE status IN ('pending', 'sending')")
    : null;
  new client.Gauge({
    name: 'mop_outbox_messages',
    help: 'Mails in the outbox, by status (pending, sending, sent, failed)',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      if (!outboxCounts) return;
      this.reset();
      for (const status of ['pending', 'sending', 'sent', 'failed']) this.set({ status }, 0);
      for (const row of outboxCounts.all() as { status: string; n: number }[]) this.set({ status: row.status }, row.n);
    }
  });
  new client.Gauge({
    name: 'mop_outbox_oldest_unsent_seconds',
    help: 'Age of the oldest mail not sent yet (0 when none waits)',
    registers: [registry],
    collect() {
      const oldest = (outboxOldest?.get() as { oldest: string | null } | undefined)?.oldest;
      this.set(oldest ? Math.max(0, (ctx.now().getTime() - Date.parse(oldest)) / 1000) : 0);
    }
  });
  let sizes: { at: number; database: number; blobs: Record<string, number> } | null = null;
  const currentSizes = () => {
    if (sizes && Date.now() - sizes.at < SIZE_CACHE_MS) return sizes;
    const database = ['', '-wal', '-shm']
      .map((suffix) => fileSize(path.join(ctx.dataDir, DATABASE_FILE + suffix)))
      .reduce((a, b) => a + b, 0);
    const blobs = Object.fromEntries(BLOB_DIRECTORIES.map((dir) => [dir, directorySize(path.join(ctx.dataDir, dir))]));
    sizes = { at: Date.now(), database, blobs };
    return sizes;
  };
  new client.Gauge({
    name: 'mop_database_bytes',
    help: 'Size of the SQLite database with its WAL',
    registers: [registry],
    collect() {
      this.set(currentSizes().database);
    }
  });
  new client.Gauge({
    name: 'mop_blob_bytes',
    help: 'Size of stored files, by directory (blobs: the learning repository; pair-files: files of pairs)',
    labelNames: ['directory'] as const,
    registers: [registry],
    collect() {
      for (const [directory, bytes] of Object.entries(currentSizes().blobs)) this.set({ directory }, bytes);
    }
  });
  new client.Gauge({
    name: 'mop_disk_free_bytes',
    help: 'Free space on the file system of the data directory',
    registers: [registry],
    collect() {
      const stats = fs.statfsSync(ctx.dataDir);
      this.set(stats.bavail * stats.bsize);
    }
  });

  const token = options.metricsToken ? Buffer.from(options.metricsToken) : null;
  const authorised = (header: string | undefined) => {
    const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
    return token !== null && given.length === token.length && timingSafeEqual(given, token);
  };

  return {
    name: 'operations',
    observeRequest({ method, route, status, seconds }) {
      requests.inc({ method, route, status: String(status) });
      durations.observe({ route }, seconds);
    },
    routes() {
      const routes = new Hono();
      routes.get('/health', (c) => {
        try {
          ctx.db.prepare('SELECT 1').get();
        } catch {
          return apiError(c, 503, 'database_unavailable', 'The database does not answer');
        }
        return c.json({ ok: true } satisfies HealthResponse);
      });
      routes.get('/metrics', async (c) => {
        if (!token) return apiError(c, 404, 'not_found', 'Metrics are off: set MOP_METRICS_TOKEN to turn them on');
        if (!authorised(c.req.header('authorization'))) {
          c.header('WWW-Authenticate', 'Bearer');
          return apiError(c, 401, 'unauthenticated', 'Send the metrics token as "Authorization: Bearer <token>"');
        }
        return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
      });
      return routes;
    }
  };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function directorySize(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) total += fileSize(path.join(entry.parentPath, entry.name));
  return total;
}
