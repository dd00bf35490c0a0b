import type { Context, Hono } from 'hono';
import type Database from 'better-sqlite3';
import type * as Y from 'yjs';
import type { AccessKind, AuditAction, NotificationCategory, User } from '@mop/shared';
import type { MailTemplate } from './mail/template.ts';
import type { Logger } from './logger.ts';
import type { MopStore } from './storage/index.ts';

/**
 * The contract every server domain fulfils. A domain is one folder under `src/` whose `index.ts` exports one
 * factory `createXModule(ctx: ModuleContext): ServerModule`; `server.ts` lists the factories in one array and
 * `createHttpApp` mounts whatever they give. Nothing else in the server names a domain.
 *
 * Why a contract rather than direct calls: features such as "download my data" and "delete my account" must reach
 * every store; with this interface a new domain takes part by implementing `exportUserData` / `eraseUserData`, and
 * the server needs no change.
 */
export interface ServerModule {
  /** A short stable name (`auth`, `matching`, …): used in logs, in export archives as a folder name, in metrics. */
  readonly name: string;
  /** Routes mounted under `/api`, behind the API's JSON body limit. */
  routes?(): Hono;
  /** Routes mounted under `/api` ahead of the body limit (streamed uploads that enforce their own limit). */
  uploadRoutes?(): Hono;
  /**
   * This module's part of a person's data export: files placed under `<name>/` in the archive. Open formats only
   * (JSON, Markdown, `.ics`, the original bytes of uploads). Must not include another person's confidential data.
   */
  exportUserData?(userId: string): UserDataFile[] | Promise<UserDataFile[]>;
  /**
   * Erases (or anonymises, where the documented rule says so) everything this module holds about a person. Called
   * inside no transaction: a module that needs atomicity opens its own with `ctx.transaction`.
   */
  eraseUserData?(userId: string): void | Promise<void>;
  /**
   * Prepares this module's data before the server listens (starter content, demo seeds); awaited in list order,
   * so a module may rely on what the modules listed before it prepared.
   */
  prepare?(): void | Promise<void>;
  /**
   * Services this module provides to the others through the context: `mail` (the outbox module gives the durable
   * `Mailer`, which replaces the in-memory default from then on) and `audit` (the cohorts module keeps the audit log).
   * Modules read `ctx.mail` / `ctx.audit` when they act, so the provider may come later in the list.
   */
  readonly provides?: {
    readonly mail?: Mailer;
    readonly audit?: AuditLog;
    readonly access?: AccessRecorder;
    readonly notify?: Notifier;
  };
  /**
   * Called after updates to a document were stored (never before: nothing is announced that a crash could lose),
   * with the document as the server now holds it and who sent the updates. Must be quick and must not keep `doc`;
   * errors are logged, never passed to the client.
   */
  onDocumentStored?(event: StoredDocumentEvent): void;
  /** Starts background work (timers, workers) once the server listens. Timers must be `unref`ed. */
  start?(): void;
  /** Stops background work and releases resources; called once, before the database closes. */
  close?(): void | Promise<void>;
}

/** What `onDocumentStored` is told. */
export interface StoredDocumentEvent {
  docName: string;
  doc: Y.Doc;
  /** The users whose connections sent the stored updates. */
  authorIds: readonly string[];
}

/** One thing to tell one person, in the category they chose about (docs/notifications.md). */
export interface Notice<P> {
  /** The recipient. */
  userId: string;
  category: NotificationCategory;
  /** The e-mail in the three languages; its subject is also the digest's line. Say what happened, never quote it. */
  template: MailTemplate<P>;
  params: P;
  /** The link the digest's line opens (the template's action, usually). */
  url: string;
  attachments?: { filename: string; content: string; contentType: string }[];
}

/**
 * Tells people what happened, by e-mail now, in their daily digest or not at all, as each chose per category; every
 * e-mail carries a one-click unsubscribe link for its category. The notifications module provides it; without it
 * notices are logged.
 */
export interface Notifier {
  /** Sends or queues `notice` in the caller's transaction; returns how it was delivered. */
  notify<P>(notice: Notice<P>): 'email' | 'digest' | 'off';
}

/** One file of a person's data export. `path` is relative to the module's folder and uses `/`. */
export interface UserDataFile {
  path: string;
  content: string | Uint8Array;
}

/** Who is asking: the session lookup the auth module provides to every other module. */
export interface AuthAccess {
  /** The signed-in user of the request, or null. */
  currentUser(c: Context): User | null;
  /** The signed-in user, or throws the 401 refusal (`unauthenticated`) that `guarded` answers. */
  requireUser(c: Context): User;
  /** The signed-in platform admin, or throws 401 (`unauthenticated`) / 403 (`forbidden`). */
  requireAdmin(c: Context): User;
  /**
   * Checks the signed-in user's current password before a sensitive change (400 `wrong_password`), within one budget
   * of guesses per account shared by every route that asks (429 `too_many_attempts`).
   */
  confirmPassword(c: Context, user: User, password: string): Promise<void>;
}

/** The sync layer as other modules see it. */
interface LiveDocs {
  /** The loaded Y.Doc of an open document, if the sync layer has it (fresher than the stored log). */
  liveDoc(docName: string): Y.Doc | undefined;
  /** Closes the sockets of a session that ended (logout, password change), so a signed-out device stops syncing. */
  endSession(sessionHash: string): void;
  /**
   * Closes every connection to these documents so their clients reconnect (both the stock y-websocket provider and
   * the app's do) and are given the access that applies now: after a programme is archived or a pair ends, their
   * documents reopen read-only.
   */
  reconnect(docNames: Iterable<string>): void;
  /**
   * Edits a document on the server (erasure, real deletion) and replaces its stored log by the state afterwards, so
   * deleted content is gone from the database. Open connections receive the change at once. False when the
   * document was never stored. Callers bump the document's epoch (`bumpDocEpoch`) so devices drop their old copy.
   */
  rewrite(docName: string, edit: (doc: Y.Doc) => void): boolean;
  /** Closes a document's connections and deletes its stored log. */
  drop(docName: string): void;
}

/** Every module's part of one person's data, as `MopServer.exportUserData` / `eraseUserData` reach them. */
interface PersonalData {
  /** Every module's export for `userId`, in module order. */
  exportAll(userId: string): Promise<{ module: string; files: UserDataFile[] }[]>;
  /** Erases `userId` from every module, in reverse module order. */
  eraseAll(userId: string): Promise<void>;
}

/** An e-mail to send, written to the durable outbox (in the caller's transaction) and sent by a background worker. */
export interface OutgoingMail {
  /** One recipient address. */
  to: string;
  subject: string;
  /** The plain-text part (always present). */
  text: string;
  /** A simple HTML part. */
  html?: string;
  /** What kind of mail this is (`invitation`, `password-reset`, `session`, …): for unsubscribe links and metrics. */
  category: string;
  /** Extra headers (`List-Unsubscribe`, …). */
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** The outbox as modules see it. */
export interface Mailer {
  /** Queues a mail; call it inside the transaction of the action that causes it, so neither exists without the other. */
  enqueue(mail: OutgoingMail): void;
}

/** One admin or coordinator action, as the audit log records it. */
interface AuditEntry {
  /** What was done, `<subject>.<verb>` (`user.password-reset`, `programme.archive`, …). */
  action: AuditAction;
  targetUserId?: string | null;
  /** A readable name of the target (an e-mail address, a programme's name) kept beside its id. */
  targetLabel?: string | null;
  programmeId?: string | null;
  organisationId?: string | null;
  details?: Record<string, unknown>;
}

/** The audit log as modules see it. */
export interface AuditLog {
  /** Records an action of `actor` (null: the system), in the caller's transaction if there is one. */
  record(actor: User | null, entry: AuditEntry): void;
}

/** One read of personal data by a coordinator or an admin, for the access log (docs/privacy.md). */
export interface PersonalDataRead {
  /** Whose data was shown (one entry per person on a list). */
  subjectUserIds: readonly string[];
  programmeId?: string | null;
  what: AccessKind;
}

/** The access log as modules see it (kept by the privacy module). */
export interface AccessRecorder {
  /** Records that `actor` read people's data; only coordinators' and admins' reads of others are kept. */
  record(actor: User, read: PersonalDataRead): void;
}

/** What the server hands every module factory. */
export interface ModuleContext {
  /** The one SQLite database; each module reads and writes its own tables (migrations stay in `migrations/`). */
  readonly db: Database.Database;
  /** Users, sessions, programmes, memberships, mentorships and document logs. */
  readonly store: MopStore;
  readonly logger: Logger;
  /** Absolute data directory; blob folders live under it. */
  readonly dataDir: string;
  /** True when this start may seed demo data into an empty database. */
  readonly demo: boolean;
  readonly auth: AuthAccess;
  readonly docs: LiveDocs;
  /** The durable outbox. */
  readonly mail: Mailer;
  /** The audit log of admin and coordinator actions. */
  readonly audit: AuditLog;
  /** The access log of coordinators' and admins' reads of personal data. */
  readonly access: AccessRecorder;
  /** E-mail notifications as each person chose them (docs/notifications.md). */
  readonly notify: Notifier;
  /** Every module's export and erasure of one person's data (for the privacy module's routes). */
  readonly personalData: PersonalData;
  /**
   * The platform's public origin (the `publicUrl` option, which `main.ts` takes from `MOP_PUBLIC_URL`, else the
   * listening address), without a trailing slash; links in e-mails are built on it. Known once the server listens:
   * read it in handlers and workers, not in a factory.
   */
  readonly publicUrl: string;
  /**
   * Runs `work` in one SQLite transaction spanning every store (nested calls, including the stores' own
   * transactions, join the outer one as savepoints): everything it writes lands, or nothing does. `work` must be
   * synchronous: better-sqlite3 commits when it returns, so an `await` inside would escape the transaction.
   */
  transaction<T>(work: () => T): T;
  /** The current time; tests may pass a controllable clock. */
  now(): Date;
}

/** A module factory as listed in `server.ts`. */
export type ModuleFactory = (ctx: ModuleContext) => ServerModule;
