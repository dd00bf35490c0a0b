import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { mentorshipDocName, type Mentorship, type Role, type User } from '@mop/shared';
import { runMigrations } from './migrate.ts';
import { MIGRATIONS } from '../../migrations/index.ts';
import { backupBeforeUpgrade } from '../operations/upgrade-backup.ts';
import type { Logger } from '../logger.ts';
import { SqliteDocLog } from './doc-log.ts';
import { JOURNAL_FILE } from './doc-journal.ts';
import type { MentorshipRecord, MopStore, NewUser, ProgrammeRole, StoredDocUpdate, StoredUser } from './store.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  deactivated_at?: string | null;
}

interface MentorshipRow {
  id: string;
  programme_id: string;
  mentor_id: string;
  mentee_id: string;
  status: 'active' | 'closed';
  created_at: string;
}

interface MentorshipListRow extends MentorshipRow {
  programme_name: string;
  mentor_name: string;
  mentor_email: string;
  mentee_name: string;
  mentee_email: string;
}

const toUser = (row: UserRow): StoredUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  deactivatedAt: row.deactivated_at ?? null
});

const toMentorship = (row: MentorshipRow): MentorshipRecord => ({
  id: row.id,
  programmeId: row.programme_id,
  mentorId: row.mentor_id,
  menteeId: row.mentee_id,
  status: row.status,
  createdAt: row.created_at
});

/**
 * Opens (creating if needed) `<dataDir>/mop.sqlite`, configures it and runs pending migrations, after an automatic
 * backup of an existing database (see `backupBeforeUpgrade`). Refuses a database written by a newer MOP.
 */
export function openSqliteDatabase(
  dataDir: string,
  logger: Pick<Logger, 'info'> = { info: () => {} }
): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'mop.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL with synchronous=NORMAL is durable across application crashes; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  // Deleted rows are overwritten with zeros, not just unlinked: an erased account or a deleted message must not stay
  // readable in the file's free pages (docs/privacy.md). Costs some writes on deletes; the log compaction is rare.
  db.pragma('secure_delete = ON');
  try {
    runMigrations(db, MIGRATIONS, {
      beforeMigrating: (from, to) => {
        const backup = backupBeforeUpgrade(db, dataDir, from, to);
        logger.info(`upgrading the database from schema ${from} to ${to}; backup taken first: ${backup}`);
      }
    });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The document journal of a data directory (see `storage/doc-log.ts`). */
export const docJournalPath = (dataDir: string): string => path.join(dataDir, JOURNAL_FILE);

/** A session unused this long stops working (docs/security.md); `MOP_SESSION_IDLE_DAYS` changes it. */
const DEFAULT_SESSION_IDLE_MS = 14 * 24 * 60 * 60 * 1000;
/** How stale `last_seen_at` may get before a request writes it again. */
const SESSION_TOUCH_MS = 60 * 1000;

/** The SQLite implementation of `MopStore` (better-sqlite3, synchronous). */
export class SqliteStore implements MopStore {
  readonly db: Database.Database;
  private readonly statements;

  /** How long a session may go unused before it stops working (`MOP_SESSION_IDLE_DAYS`). */
  private readonly sessionIdleMs: number;

  /** The documents' logs: `doc_updates`, fronted by the journal file when `docJournalPath` is given. */
  readonly docLog: SqliteDocLog;

  constructor(
    db: Database.Database,
    options: {
      sessionIdleMs?: number | undefined;
      /** The document journal (`docJournalPath(dataDir)`); only the server, the one writer of documents, opens it. */
      docJournalPath?: string | undefined;
      /** Told when a fold of the journal failed (the journal keeps the updates). */
      onJournalFoldFailed?: ((error: unknown) => void) | undefined;
    } = {}
  ) {
    this.db = db;
    this.docLog = new SqliteDocLog(db, {
      journalPath: options.docJournalPath,
      onFoldFailed: options.onJournalFoldFailed
    });
    this.sessionIdleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
    this.statements = {
      anyUser: db.prepare('SELECT 1 FROM users LIMIT 1'),
      insertUser: db.prepare(
        'INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (@id, @email, @name, @role, @passwordHash, @createdAt)'
      ),
      userByEmail: db.prepare('SELECT * FROM users WHERE email = ?'),
      userById: db.prepare('SELECT * FROM users WHERE id = ?'),
      insertSession: db.prepare(
        'INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)'
      ),
      sessionUser: db.prepare(
        `SELECT u.id, u.email, u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = @hash AND s.expires_at > @now AND s.last_seen_at > @idleCutoff AND u.deactivated_at IS NULL`
      ),
      // At most one write a minute per session: a page load makes a dozen requests.
      touchSession: db.prepare(
        'UPDATE sessions SET last_seen_at = @now WHERE token_hash = @hash AND last_seen_at < @touchBefore'
      ),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      replacePasswordHash: db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= @now OR last_seen_at <= @idleCutoff'),
      insertProgramme: db.prepare('INSERT INTO programmes (id, name, description, created_at) VALUES (?, ?, ?, ?)'),
      insertMember: db.prepare(
        'INSERT OR IGNORE INTO programme_members (programme_id, user_id, role) VALUES (?, ?, ?)'
      ),
      insertMentorship: db.prepare(
        'INSERT INTO mentorships (id, programme_id, mentor_id, mentee_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?)'
      ),
      programmeRoles: db.prepare(
        'SELECT programme_id AS programmeId, role FROM programme_members WHERE user_id = ? ORDER BY programme_id, role'
      ),
      mentorshipById: db.prepare('SELECT * FROM mentorships WHERE id = ?'),
      programmeArchived: db.prepare('SELECT archived_at FROM programmes WHERE id = ?'),
      visibleMentorships: db.prepare(`
        SELECT m.*, p.name AS programme_name,
               mentor.name AS mentor_name, mentor.email AS mentor_email,
               mentee.name AS mentee_name, mentee.email AS mentee_email
        FROM mentorships m
        JOIN programmes p ON p.id = m.programme_id
        JOIN users mentor ON mentor.id = m.mentor_id
        JOIN users mentee ON mentee.id = m.mentee_id
        WHERE m.mentor_id = @userId OR m.mentee_id = @userId OR @isAdmin = 1
           OR m.programme_id IN (
             SELECT programme_id FROM programme_members WHERE user_id = @userId AND role = 'coordinator'
           )
        ORDER BY m.created_at, m.id`)
    };
  }

  isEmpty(): boolean {
    return this.statements.anyUser.get() === undefined;
  }

  createUser(user: NewUser): StoredUser {
    const createdAt = new Date().toISOString();
    this.statements.insertUser.run({ ...user, email: user.email.toLowerCase(), createdAt });
    return { ...user, email: user.email.toLowerCase(), createdAt, deactivatedAt: null };
  }

  findUserByEmail(email: string): StoredUser | null {
    const row = this.statements.userByEmail.get(email.toLowerCase()) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  findUserById(id: string): StoredUser | null {
    const row = this.statements.userById.get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  anonymiseUser(id: string, now: Date): void {
    this.db
      .prepare(
        `UPDATE users SET name = '', email = 'erased-' || id || '@erased.invalid', password_hash = '!',
           language = NULL, time_zone = NULL, deactivated_at = coalesce(deactivated_at, @now), erased_at = @now
         WHERE id = @id`
      )
      .run({ id, now: now.toISOString() });
  }

  createSession(
    tokenHash: string,
    userId: string,
    expiresAt: Date,
    userAgent: string | null = null,
    now = new Date()
  ): void {
    this.statements.insertSession.run(
      tokenHash,
      userId,
      now.toISOString(),
      now.toISOString(),
      expiresAt.toISOString(),
      userAgent?.slice(0, 300) ?? null
    );
  }

  findSessionUser(tokenHash: string, now = new Date()): User | null {
    const row = this.statements.sessionUser.get({
      hash: tokenHash,
      now: now.toISOString(),
      idleCutoff: new Date(now.getTime() - this.sessionIdleMs).toISOString()
    }) as User | undefined;
    if (!row) return null;
    this.statements.touchSession.run({
      hash: tokenHash,
      now: now.toISOString(),
      touchBefore: new Date(now.getTime() - SESSION_TOUCH_MS).toISOString()
    });
    return { id: row.id, email: row.email, name: row.name, role: row.role };
  }

  deleteSession(tokenHash: string): void {
    this.statements.deleteSession.run(tokenHash);
  }

  replacePasswordHash(userId: string, oldHash: string, newHash: string): void {
    this.statements.replacePasswordHash.run(newHash, userId, oldHash);
  }

  deleteExpiredSessions(now = new Date()): number {
    return this.statements.deleteExpired.run({
      now: now.toISOString(),
      idleCutoff: new Date(now.getTime() - this.sessionIdleMs).toISOString()
    }).changes;
  }

  createProgramme(programme: { id: string; name: string; description?: string }): void {
    this.statements.insertProgramme.run(
      programme.id,
      programme.name,
      programme.description ?? '',
      new Date().toISOString()
    );
  }

  addProgrammeMember(programmeId: string, userId: string, role: ProgrammeRole): void {
    this.statements.insertMember.run(programmeId, userId, role);
  }

  createMentorship(m: { id: string; programmeId: string; mentorId: string; menteeId: string }): MentorshipRecord {
    const createdAt = new Date().toISOString();
    this.statements.insertMentorship.run(m.id, m.programmeId, m.mentorId, m.menteeId, 'active', createdAt);
    return { ...m, status: 'active', createdAt };
  }

  getMentorship(id: string): MentorshipRecord | null {
    const row = this.statements.mentorshipById.get(id) as MentorshipRow | undefined;
    return row ? toMentorship(row) : null;
  }

  isProgrammeArchived(programmeId: string): boolean {
    const row = this.statements.programmeArchived.get(programmeId) as { archived_at: string | null } | undefined;
    return Boolean(row?.archived_at);
  }

  listProgrammeRoles(userId: string): { programmeId: string; role: ProgrammeRole }[] {
    return this.statements.programmeRoles.all(userId) as { programmeId: string; role: ProgrammeRole }[];
  }

  listVisibleMentorships(user: User): Mentorship[] {
    const rows = this.statements.visibleMentorships.all({
      userId: user.id,
      isAdmin: user.role === 'admin' ? 1 : 0
    }) as MentorshipListRow[];
    return rows.map((row) => ({
      id: row.id,
      programmeId: row.programme_id,
      programmeName: row.programme_name,
      mentor: { id: row.mentor_id, name: row.mentor_name, email: row.mentor_email },
      mentee: { id: row.mentee_id, name: row.mentee_name, email: row.mentee_email },
      status: row.status,
      createdAt: row.created_at,
      docName: mentorshipDocName(row.id)
    }));
  }

  loadDocUpdates(docName: string): StoredDocUpdate[] {
    return this.docLog.load(docName);
  }

  appendDocUpdate(docName: string, data: Uint8Array): number {
    return this.appendDocUpdates([{ docName, data }])[0] as number;
  }

  appendDocUpdates(updates: readonly { docName: string; data: Uint8Array }[]): number[] {
    return this.docLog.append(updates);
  }

  compactDoc(docName: string, merged: Uint8Array, upToSeq: number): number {
    return this.docLog.compact(docName, merged, upToSeq);
  }

  deleteDocLog(docName: string): number {
    return this.docLog.erase(docName);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    if (!this.db.open) return;
    this.docLog.close();
    // Fold the WAL back into the main file so a copied data dir is self-contained.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
