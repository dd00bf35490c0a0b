import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import type Database from 'better-sqlite3';
import { toLogger, type LogFunction, type Logger } from './logger.ts';
import { SqliteStore, openSqliteDatabase, type MopStore } from './storage/index.ts';
import { createHttpApp } from './http/app.ts';
import { SyncService } from './sync/sync-service.ts';
import { DEMO_PROGRAMME_ID, seedDemoData, type DemoAccount } from './demo/seed.ts';
import { SqliteMatchingStore, type MatchingStore } from './matching/index.ts';
import { loadLibrary } from '@mop/content';
import { BlobStore, ResourceLibrary, SqliteResourceStore, seedStarterLibrary } from './resources/index.ts';
import { SqliteModuleStore, seedStarterModules, type ModuleStore } from './modules/index.ts';
import { SqliteWorkspaceStore } from './workspace/index.ts';
import type { Mailer, ModuleContext, ServerModule } from './module.ts';
import { requireUser } from './http/refusal.ts';
import { sessionUser } from './auth/routes.ts';
import { createCohortsModule, markDemoData, issueSetupLink, type CohortsModule } from './cohorts/index.ts';

/** Options of `createMopServer`. */
export interface MopServerOptions {
  /** Directory of the SQLite file `mop.sqlite`; created if missing. */
  dataDir: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Seed the demo programme and accounts into an empty database; default true. */
  demo?: boolean;
  /** The SvelteKit static build to serve; without it `/` explains how to build the app. */
  staticDir?: string;
  /** Where to log: a `Logger` object or one function `(level, message, details)`; default the console. */
  logger?: Logger | LogFunction;
  /** The platform's public origin for links in e-mails and the setup link (`MOP_PUBLIC_URL`); default the listening address. */
  publicUrl?: string;
  /** The outbox modules send mail through; default one that logs each mail (no SMTP configured). */
  mailer?: Mailer;
  /** The clock of the modules (tests move it to expire links); default the system clock. */
  now?: () => Date;
  /** How often connections are pinged and quiet ones sent a keep-alive; default KEEPALIVE_INTERVAL_MS (tests shorten it). */
  keepaliveIntervalMs?: number;
}

/** A running server. */
export interface MopServer {
  /** The port actually bound. */
  port: number;
  /** `http://host:port`, without a trailing slash. */
  url: string;
  /** The open better-sqlite3 database (for tools and tests). */
  db: Database.Database;
  /** The storage interface the handlers use. */
  store: MopStore;
  /** Demo accounts created by this start (empty unless the database was fresh and demo is on). */
  seededAccounts: DemoAccount[];
  /** The learning repository (resources, packs, blobs under `<dataDir>/blobs`). */
  resources: ResourceLibrary;
  /** Self-learning modules and their certificates. */
  modules: ModuleStore;
  /** Programmes' matching settings, runs, explanations and match requests. */
  matching: MatchingStore;
  /** The one-time first-run link, printed when the database has no admin (a real install); null otherwise. */
  setupUrl: string | null;
  /** Number of documents loaded in memory right now. */
  openDocuments(): number;
  /** Closes connections, compacts open documents, stops listening and closes the database. Idempotent. */
  close(): Promise<void>;
}

/** Starts the MOP server: REST API, static app and y-websocket sync on one HTTP server. */
export async function createMopServer(options: MopServerOptions): Promise<MopServer> {
  const { port = 0, host = '127.0.0.1', demo = true } = options;
  const logger = toLogger(options.logger);
  const db = openSqliteDatabase(path.resolve(options.dataDir));
  const store = new SqliteStore(db);
  const matching = new SqliteMatchingStore(db);
  const modules = new SqliteModuleStore(db);
  let seededAccounts: DemoAccount[] = [];
  let resources: ResourceLibrary;
  const installStarterLibrary = async () => {
    await seedStarterLibrary(resources.store, resources.blobs);
    // Read from the library's sources only when needed: a server that has modules does not load them again.
    seedStarterModules(modules, resources.store, () => loadLibrary().modules);
  };
  try {
    store.deleteExpiredSessions();
    if (demo) seededAccounts = await seedDemoData(store, matching);
    if (seededAccounts.length > 0) markDemoData(db, DEMO_PROGRAMME_ID);
    resources = new ResourceLibrary(
      new SqliteResourceStore(db),
      new BlobStore(path.join(path.resolve(options.dataDir), 'blobs'))
    );
    // The starter library is sample content: only the demo gets it; a real install chooses it on the setup page.
    if (demo) await installStarterLibrary();
  } catch (error) {
    store.close();
    throw error;
  }

  const sync = new SyncService(store, logger, options.keepaliveIntervalMs);
  // The module context of the server's domains (see module.ts); the cohorts domain is the first to use it.
  const moduleContext: ModuleContext = {
    db,
    store,
    logger,
    dataDir: path.resolve(options.dataDir),
    demo,
    auth: { currentUser: (c) => sessionUser(c, store), requireUser: (c) => requireUser(c, store) },
    docs: { liveDoc: (docName) => sync.liveDoc(docName) },
    mail: options.mailer ?? {
      enqueue: (mail) => logger.info(`mail (no outbox configured): "${mail.subject}" to ${mail.to} not sent`)
    },
    // Filled in once the server listens, when the address is known.
    publicUrl: options.publicUrl?.replace(/\/+$/, '') ?? '',
    transaction: (work) => db.transaction(work)(),
    now: options.now ?? (() => new Date())
  };
  const cohorts: CohortsModule = createCohortsModule(moduleContext, {
    matching,
    installStarterLibrary,
    endSessions: (hashes) => hashes.forEach((hash) => sync.endSession(hash))
  });
  const serverModules: ServerModule[] = [cohorts];
  const app = createHttpApp({
    store,
    logger,
    staticDir: options.staticDir,
    onSessionEnded: (hash) => sync.endSession(hash),
    resources,
    modules,
    matching: { store, matching, liveDoc: (docName) => sync.liveDoc(docName) },
    workspace: {
      store,
      workspace: new SqliteWorkspaceStore(db),
      // Files uploaded to pairs have a blob store of their own: the repository's deletes blobs it no longer references.
      pairBlobs: new BlobStore(path.join(path.resolve(options.dataDir), 'pair-files')),
      liveDoc: (docName) => sync.liveDoc(docName)
    },
    serverModules
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  server.on('upgrade', sync.handleUpgrade);
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
    logger.warn('http: client error', (error as Error).message);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    sync.close();
    store.close();
    throw error;
  }
  server.on('error', (error) => logger.error('http: server error', error));
  const sessionSweep = setInterval(
    () => {
      try {
        store.deleteExpiredSessions();
      } catch (error) {
        logger.error('could not delete expired sessions', error);
      }
    },
    60 * 60 * 1000
  );
  sessionSweep.unref();

  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  const url = `http://${urlHost}:${address.port}`;
  if (!moduleContext.publicUrl) (moduleContext as { publicUrl: string }).publicUrl = url;
  const setupUrl = issueSetupLink(cohorts.deps);

  return {
    port: address.port,
    url,
    setupUrl,
    db,
    store,
    seededAccounts,
    resources,
    modules,
    matching,
    openDocuments: () => sync.openRooms,
    close() {
      closing ??= (async () => {
        clearInterval(sessionSweep);
        sync.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        store.close();
      })();
      return closing;
    }
  };
}
