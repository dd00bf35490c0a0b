import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { parseDocName } from '@mop/shared';
import { toLogger, type LogFunction, type Logger } from './logger.ts';
import { SqliteStore, docJournalPath, openSqliteDatabase, type MopStore } from './storage/index.ts';
import { createHttpApp } from './http/app.ts';
import { createTransport, type TransportOptions } from './http/transport.ts';
import { createOperationsModule } from './operations/metrics.ts';
import { requestLogging } from './operations/log.ts';
import { SyncService } from './sync/sync-service.ts';
import { seedDemoData, type DemoAccount } from './demo/seed.ts';
import type {
  AccessRecorder,
  AuditLog,
  Mailer,
  Notifier,
  ModuleContext,
  ModuleFactory,
  ServerModule,
  UserDataFile
} from './module.ts';
import { createMemoryMailer } from './memory-mailer.ts';
import { createAuthAccess, createAuthModule } from './auth/index.ts';
import { createMentorshipsModule } from './mentorships/index.ts';
import { SqliteMatchingStore, createMatchingModule, type MatchingStore } from './matching/index.ts';
import { createResourcesModule, openResourceLibrary, type ResourceLibrary } from './resources/index.ts';
import { SqliteModuleStore, createLearningModulesModule, type ModuleStore } from './modules/index.ts';
import { createCatalogueModule } from './catalogue/index.ts';
import { createLibraryAdminModule } from './library-admin/index.ts';
import { createWorkspaceModule } from './workspace/index.ts';
import { mailModule, type MailSettings } from './mail/index.ts';
import { createAccountsModule } from './accounts/index.ts';
import { createCohortsModule, isCohortsModule } from './cohorts/index.ts';
import { createPrivacyModule } from './privacy/index.ts';
import { createNotificationsModule } from './notifications/index.ts';
import { createClosingModule } from './closing/index.ts';
import { PairUsage } from './mentorships/pair-usage.ts';

/**
 * The server's domains, in the order they are prepared, mounted and started (and closed and erased in reverse).
 * A new domain is one folder exporting `createXModule(ctx)` and one line here; see docs/architecture.md.
 */
const MODULES: readonly ModuleFactory[] = [
  createAuthModule,
  createAccountsModule,
  createMentorshipsModule,
  createMatchingModule,
  createResourcesModule,
  // After resources: the starter modules are kept only when their lessons' resources are there.
  createLearningModulesModule,
  createCatalogueModule,
  createLibraryAdminModule,
  createWorkspaceModule,
  // Its setup link checks for an admin after every module prepared (the demo seeds one).
  createCohortsModule,
  // E-mail notifications, reminders and digests; it observes the pair documents the workspace holds.
  createNotificationsModule,
  // Ending mentorships, closing feedback, the programme report and the funder export.
  createClosingModule,
  // Export and erasure of a person's data across every module above, and the access log.
  createPrivacyModule
];

const DAY_MS = 24 * 60 * 60 * 1000;

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
  /** The SvelteKit build to serve (`build/`: `server/` and `client/`); without it `/` explains how to build the app. */
  staticDir?: string;
  /** Where to log: a `Logger` object or one function `(level, message, details)`; default the console. */
  logger?: Logger | LogFunction;
  /** Serve HTTPS with these PEM files (`MOP_TLS_CERT`, `MOP_TLS_KEY`); `reloadCertificate` reads them again. */
  tls?: TransportOptions['tls'];
  /** Which reverse proxies' X-Forwarded-For / X-Forwarded-Proto are believed (`MOP_TRUST_PROXY`); default none. */
  trustProxy?: TransportOptions['trustProxy'];
  /** The bearer token that opens `/api/metrics` (`MOP_METRICS_TOKEN`); without it the endpoint is off. */
  metricsToken?: string | undefined;
  /** How often connections are pinged and quiet ones sent a keep-alive; default KEEPALIVE_INTERVAL_MS (tests shorten it). */
  keepaliveIntervalMs?: number;
  /**
   * Check updates against the document rules (docs/sync.md, "What a document accepts"); default true. Only the sync
   * benchmark turns it off, to measure what the check costs.
   */
  checkDocuments?: boolean;
  /**
   * The platform's public origin for links in e-mails (`https://mentoring.example.org`); default the listening
   * address. `main.ts` takes it from `MOP_PUBLIC_URL`.
   */
  publicUrl?: string;
  /**
   * Outgoing mail: the SMTP server (`MOP_SMTP_URL`) and sender (`MOP_MAIL_FROM`); without an SMTP URL mail waits in
   * the outbox, where admins read it in the app.
   */
  mail?: MailSettings;
  /** The clock modules read (`ctx.now`); default the system clock. */
  now?: () => Date;
  /** Let resources show images from other sites (`MOP_REMOTE_IMAGES`); default off. */
  remoteImages?: boolean | undefined;
  /** Days a session may go unused before it stops working (`MOP_SESSION_IDLE_DAYS`); default 14. */
  sessionIdleDays?: number | undefined;
  /** Modules appended to the server's own list (a test's probe, a deployment's own domain). */
  extraModules?: readonly ModuleFactory[];
}

/** One module's part of a person's data export. */
interface ModuleExport {
  module: string;
  files: UserDataFile[];
}

/** A running server. */
export interface MopServer {
  /** The port actually bound. */
  port: number;
  /** `http(s)://host:port`, without a trailing slash. */
  url: string;
  /** The open better-sqlite3 database (for tools and tests). */
  db: Database.Database;
  /** The storage interface the handlers use. */
  store: MopStore;
  /** Demo accounts created by this start (empty unless the database was fresh and demo is on). */
  seededAccounts: DemoAccount[];
  /** The server's modules, in list order. */
  modules: readonly ServerModule[];
  /** The learning repository (resources, packs, blobs under `<dataDir>/blobs`), for tools and tests. */
  resources: ResourceLibrary;
  /** Self-learning modules and their certificates, for tools and tests. */
  learningModules: ModuleStore;
  /** Programmes' matching settings, runs, explanations and match requests, for tools and tests. */
  matching: MatchingStore;
  /** The one-time first-run link, issued when the database has no admin (a real install); null otherwise. */
  setupUrl: string | null;
  /** Reads the TLS certificate and key again (on SIGHUP after a renewal); nothing without HTTPS. */
  reloadCertificate(): void;
  /** Number of documents loaded in memory right now. */
  openDocuments(): number;
  /** Every module's part of a person's data, in module order (modules without `exportUserData` are left out). */
  exportUserData(userId: string): Promise<ModuleExport[]>;
  /** Erases a person's data from every module, in reverse module order (dependents before what they depend on). */
  eraseUserData(userId: string): Promise<void>;
  /** Closes connections, compacts open documents, stops the modules, stops listening and closes the database. Idempotent. */
  close(): Promise<void>;
}

/** Starts the MOP server: REST API, static app and y-websocket sync on one HTTP server. */
export async function createMopServer(options: MopServerOptions): Promise<MopServer> {
  const { port = 0, host = '127.0.0.1', demo = true } = options;
  const logger = toLogger(options.logger);
  const dataDir = path.resolve(options.dataDir);
  const db = openSqliteDatabase(dataDir, logger);
  const store = new SqliteStore(db, {
    sessionIdleMs: options.sessionIdleDays && options.sessionIdleDays * DAY_MS,
    docJournalPath: docJournalPath(dataDir),
    onJournalFoldFailed: (error) =>
      logger.error('sync: the document journal could not be folded into the database', error)
  });
  const sync = new SyncService(store, logger, {
    ...(options.keepaliveIntervalMs === undefined ? {} : { keepaliveIntervalMs: options.keepaliveIntervalMs }),
    checkDocuments: options.checkDocuments !== false
  });
  let listeningUrl = '';
  let mailer: Mailer = createMemoryMailer(logger);
  let accessRecorder: AccessRecorder = { record: () => {} };
  let notifier: Notifier = {
    notify: (notice) => {
      logger.info(`notify (no notifications module): ${notice.category} for ${notice.userId}`);
      return 'off';
    }
  };
  let auditLog: AuditLog = {
    record: (actor, entry) => logger.info(`audit (no audit module): ${entry.action} by ${actor?.id ?? 'system'}`)
  };

  const ctx: ModuleContext = {
    db,
    store,
    logger,
    dataDir,
    demo,
    auth: createAuthAccess(store, options.now),
    docs: {
      liveDoc: (docName) => sync.liveDoc(docName),
      endSession: (sessionHash) => sync.endSession(sessionHash),
      reconnect: (docNames) => sync.reconnect(docNames),
      rewrite: (docName, edit) => sync.rewriteDoc(docName, edit),
      drop: (docName) => sync.dropDoc(docName)
    },
    // Delegates to whichever mailer is current, so a module that provides the outbox replaces the default for all.
    mail: { enqueue: (mail) => mailer.enqueue(mail) },
    // Delegates to the module that keeps the audit log; without one, actions are logged (never silently dropped).
    audit: { record: (actor, entry) => auditLog.record(actor, entry) },
    access: { record: (actor, read) => accessRecorder.record(actor, read) },
    notify: { notify: (notice) => notifier.notify(notice) },
    get publicUrl() {
      return (options.publicUrl ?? listeningUrl).replace(/\/+$/, '');
    },
    personalData: {
      exportAll: (userId) => exportUserData(userId),
      eraseAll: (userId) => eraseUserData(userId)
    },
    transaction: (work) => store.transaction(work),
    now: options.now ?? (() => new Date())
  };

  const modules: ServerModule[] = [];
  sync.onStored = (event) => {
    for (const module of modules) {
      try {
        module.onDocumentStored?.(event);
      } catch (error) {
        logger.error(`module ${module.name}: could not handle the stored ${event.docName}`, error);
      }
    }
  };
  const pairUsage = new PairUsage(db);
  sync.onOpen = (_user, docName) => {
    const parsed = parseDocName(docName);
    if (parsed?.kind === 'mentorship') pairUsage.markOpened(parsed.id, ctx.now().toISOString());
  };
  sync.onReadOnlyOpen = (user, docName) => {
    const parsed = parseDocName(docName);
    if (parsed?.kind === 'profile') ctx.access.record(user, { subjectUserIds: [parsed.id], what: 'profile' });
  };
  async function exportUserData(userId: string): Promise<ModuleExport[]> {
    const parts: ModuleExport[] = [];
    for (const module of modules) {
      if (module.exportUserData) parts.push({ module: module.name, files: await module.exportUserData(userId) });
    }
    return parts;
  }
  async function eraseUserData(userId: string): Promise<void> {
    for (const module of [...modules].reverse()) await module.eraseUserData?.(userId);
    // Last, once every module could still read who the person was (their address, their name).
    store.anonymiseUser(userId, ctx.now());
    // Fold the WAL into the main file and truncate it, so no earlier page image of the erased rows stays in
    // `mop.sqlite-wal` (secure_delete has already zeroed them in the pages themselves).
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  let seededAccounts: DemoAccount[] = [];
  try {
    // The outbox comes first: it is configured by this start's options, and closes last (after any module's last mail).
    for (const factory of [mailModule(options.mail ?? {}), ...MODULES, ...(options.extraModules ?? [])]) {
      const module = factory(ctx);
      if (module.provides?.mail) mailer = module.provides.mail;
      if (module.provides?.audit) auditLog = module.provides.audit;
      if (module.provides?.access) accessRecorder = module.provides.access;
      if (module.provides?.notify) notifier = module.provides.notify;
      modules.push(module);
    }
    if (demo) seededAccounts = await seedDemoData(store, new SqliteMatchingStore(db));
    for (const module of modules) await module.prepare?.();
  } catch (error) {
    sync.close();
    store.close();
    throw error;
  }

  const operations = createOperationsModule(ctx, { sync, metricsToken: options.metricsToken });
  modules.push(operations);
  // Pages link to MOP_PUBLIC_URL when it is set, else to the address each request came to (not the listening one).
  const app = createHttpApp({
    modules,
    logger,
    staticDir: options.staticDir,
    publicUrl: options.publicUrl,
    remoteImages: options.remoteImages,
    middleware: requestLogging(logger, operations.observeRequest)
  });
  const { server, scheme, reloadCertificate } = createTransport(app.fetch, options, logger);
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

  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  listeningUrl = `${scheme}://${urlHost}:${address.port}`;
  for (const module of modules) module.start?.();
  let closing: Promise<void> | null = null;

  return {
    port: address.port,
    url: listeningUrl,
    setupUrl: modules.find(isCohortsModule)?.setupUrl ?? null,
    reloadCertificate,
    db,
    store,
    seededAccounts,
    modules,
    resources: openResourceLibrary(db, dataDir),
    learningModules: new SqliteModuleStore(db),
    matching: new SqliteMatchingStore(db),
    openDocuments: () => sync.openRooms,
    exportUserData,
    eraseUserData,
    close() {
      closing ??= (async () => {
        sync.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        for (const module of [...modules].reverse()) {
          try {
            await module.close?.();
          } catch (error) {
            logger.error(`module ${module.name}: close failed`, error);
          }
        }
        store.close();
      })();
      return closing;
    }
  };
}
