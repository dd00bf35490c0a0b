import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  DEFAULT_DELIVERY,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type NotificationDelivery
} from '@mop/shared';

/** A job of the scheduler, as stored (migration 013). */
export interface ScheduledJob {
  id: string;
  kind: 'reminder' | 'digest';
  key: string;
  userId: string;
  dueAt: string;
  payload: string;
}

/** A line waiting for a person's digest. */
export interface DigestItem {
  category: NotificationCategory;
  line: string;
  url: string;
  createdAt: string;
}

interface JobRow {
  id: string;
  kind: 'reminder' | 'digest';
  job_key: string;
  user_id: string;
  due_at: string;
  payload: string;
}

const toJob = (row: JobRow): ScheduledJob => ({
  id: row.id,
  kind: row.kind,
  key: row.job_key,
  userId: row.user_id,
  dueAt: row.due_at,
  payload: row.payload
});

/**
 * The notifications module's tables: preferences, the scheduler's jobs, digest lines, the last session change
 * announced per session, and the key that signs unsubscribe links. Every write joins the caller's transaction.
 */
export class NotificationStore {
  constructor(private readonly db: Database.Database) {}

  /** The person's choice for each category (the default where they made none). */
  preferences(userId: string): Record<NotificationCategory, NotificationDelivery> {
    const rows = this.db
      .prepare('SELECT category, delivery FROM notification_preferences WHERE user_id = ?')
      .all(userId) as { category: string; delivery: NotificationDelivery }[];
    const chosen: Record<NotificationCategory, NotificationDelivery> = { ...DEFAULT_DELIVERY };
    for (const row of rows) {
      if ((NOTIFICATION_CATEGORIES as readonly string[]).includes(row.category))
        chosen[row.category as NotificationCategory] = row.delivery;
    }
    return chosen;
  }

  setPreference(userId: string, category: NotificationCategory, delivery: NotificationDelivery, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO notification_preferences (user_id, category, delivery, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, category) DO UPDATE SET delivery = excluded.delivery, updated_at = excluded.updated_at`
      )
      .run(userId, category, delivery, now.toISOString());
  }

  /**
   * Schedules a job, replacing the pending one with the same key (a reminder for a session moved again). Returns
   * false when a finished job with the same key and due time exists: that one already ran.
   */
  schedule(job: Omit<ScheduledJob, 'id'>, now: Date): boolean {
    const ran = this.db
      .prepare("SELECT 1 FROM scheduled_jobs WHERE job_key = ? AND due_at = ? AND status <> 'pending'")
      .get(job.key, job.dueAt);
    if (ran) return false;
    this.db.prepare("DELETE FROM scheduled_jobs WHERE job_key = ? AND status = 'pending'").run(job.key);
    this.db
      .prepare(
        `INSERT INTO scheduled_jobs (id, kind, job_key, user_id, due_at, payload, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`
      )
      .run(randomUUID(), job.kind, job.key, job.userId, job.dueAt, job.payload, now.toISOString());
    return true;
  }

  /** The pending job with this key, if any. */
  pending(key: string): ScheduledJob | null {
    const row = this.db.prepare("SELECT * FROM scheduled_jobs WHERE job_key = ? AND status = 'pending'").get(key) as
      JobRow | undefined;
    return row ? toJob(row) : null;
  }

  /** Drops the pending jobs whose key starts with `prefix` (a cancelled or moved session's reminders). */
  dropPending(prefix: string, now: Date, outcome: string): number {
    return this.db
      .prepare(
        "UPDATE scheduled_jobs SET status = 'dropped', finished_at = ?, outcome = ? WHERE status = 'pending' AND job_key LIKE ? ESCAPE '\\'"
      )
      .run(now.toISOString(), outcome, `${prefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`).changes;
  }

  /** Jobs due at `now`, oldest first. */
  due(now: Date, limit: number): ScheduledJob[] {
    return (
      this.db
        .prepare("SELECT * FROM scheduled_jobs WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?")
        .all(now.toISOString(), limit) as JobRow[]
    ).map(toJob);
  }

  /**
   * Marks a pending job finished; false when it was not pending any more (another pass took it). Called in the
   * transaction that also queues its mail, so a job is either done with its mail in the outbox, or neither.
   */
  finish(id: string, status: 'done' | 'dropped', outcome: string, now: Date): boolean {
    return (
      this.db
        .prepare(
          "UPDATE scheduled_jobs SET status = ?, finished_at = ?, outcome = ? WHERE id = ? AND status = 'pending'"
        )
        .run(status, now.toISOString(), outcome, id).changes === 1
    );
  }

  /** Forgets finished jobs older than `before` (they are kept a while to explain what was sent). */
  pruneFinished(before: Date): number {
    return this.db
      .prepare("DELETE FROM scheduled_jobs WHERE status <> 'pending' AND finished_at < ?")
      .run(before.toISOString()).changes;
  }

  addDigestItem(userId: string, item: DigestItem): void {
    this.db
      .prepare('INSERT INTO digest_items (id, user_id, category, line, url, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), userId, item.category, item.line, item.url, item.createdAt);
  }

  digestItems(userId: string): DigestItem[] {
    return this.db
      .prepare(
        'SELECT category, line, url, created_at AS createdAt FROM digest_items WHERE user_id = ? ORDER BY created_at'
      )
      .all(userId) as DigestItem[];
  }

  clearDigestItems(userId: string): void {
    this.db.prepare('DELETE FROM digest_items WHERE user_id = ?').run(userId);
  }

  lastDigestAt(userId: string): string | null {
    const row = this.db.prepare('SELECT last_digest_at FROM notification_state WHERE user_id = ?').get(userId) as
      { last_digest_at: string | null } | undefined;
    return row?.last_digest_at ?? null;
  }

  setLastDigestAt(userId: string, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO notification_state (user_id, last_digest_at) VALUES (?, ?)
         ON CONFLICT (user_id) DO UPDATE SET last_digest_at = excluded.last_digest_at`
      )
      .run(userId, at.toISOString());
  }

  /** The head of a session's event log when it was last announced, or null. */
  sessionHead(mentorshipId: string, sessionId: string): string | null {
    const row = this.db
      .prepare('SELECT head FROM session_notices WHERE mentorship_id = ? AND session_id = ?')
      .get(mentorshipId, sessionId) as { head: string } | undefined;
    return row?.head ?? null;
  }

  setSessionHead(mentorshipId: string, sessionId: string, head: string): void {
    this.db
      .prepare(
        `INSERT INTO session_notices (mentorship_id, session_id, head) VALUES (?, ?, ?)
         ON CONFLICT (mentorship_id, session_id) DO UPDATE SET head = excluded.head`
      )
      .run(mentorshipId, sessionId, head);
  }

  /** The key that signs unsubscribe links: made once per install, kept in the database (so backups keep links valid). */
  signingKey(): Buffer {
    const row = this.db.prepare('SELECT secret FROM notification_keys WHERE id = 1').get() as
      { secret: Buffer } | undefined;
    if (row) return row.secret;
    const secret = randomBytes(32);
    this.db.prepare('INSERT OR IGNORE INTO notification_keys (id, secret) VALUES (1, ?)').run(secret);
    return (this.db.prepare('SELECT secret FROM notification_keys WHERE id = 1').get() as { secret: Buffer }).secret;
  }

  /** Everything this module holds about a person, for their data export. */
  exportFor(userId: string): { preferences: unknown[]; scheduled: unknown[]; digest: DigestItem[] } {
    return {
      preferences: this.db
        .prepare('SELECT category, delivery, updated_at AS updatedAt FROM notification_preferences WHERE user_id = ?')
        .all(userId),
      scheduled: this.db
        .prepare(
          'SELECT kind, due_at AS dueAt, status, finished_at AS finishedAt, outcome FROM scheduled_jobs WHERE user_id = ? ORDER BY due_at'
        )
        .all(userId),
      digest: this.digestItems(userId)
    };
  }

  erase(userId: string): void {
    this.db.prepare('DELETE FROM notification_preferences WHERE user_id = ?').run(userId);
    this.db.prepare('DELETE FROM scheduled_jobs WHERE user_id = ?').run(userId);
    this.db.prepare('DELETE FROM digest_items WHERE user_id = ?').run(userId);
    this.db.prepare('DELETE FROM notification_state WHERE user_id = ?').run(userId);
  }
}
