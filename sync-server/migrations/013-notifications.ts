import type { Migration } from './types.ts';

/**
 * E-mail notifications (docs/notifications.md): each person's choice per category, the scheduler's persisted jobs
 * (reminders, digests), the lines waiting for a person's digest, what the server last saw of each pair's sessions
 * (so a change is announced once, also across restarts), and the key that signs unsubscribe links.
 */
export const migration: Migration = {
  version: 13,
  name: 'notifications',
  up(db) {
    db.exec(`
      CREATE TABLE notification_preferences (
        user_id TEXT NOT NULL,
        category TEXT NOT NULL,
        delivery TEXT NOT NULL CHECK (delivery IN ('email', 'digest', 'off')),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (user_id, category)
      );
      CREATE TABLE scheduled_jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('reminder', 'digest')),
        -- At most one pending job per key ('reminder:<session>:<user>', 'digest:<user>').
        job_key TEXT NOT NULL,
        user_id TEXT NOT NULL,
        due_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'dropped')),
        created_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT
      );
      CREATE UNIQUE INDEX scheduled_jobs_pending_key ON scheduled_jobs (job_key) WHERE status = 'pending';
      CREATE INDEX scheduled_jobs_due ON scheduled_jobs (status, due_at);
      CREATE INDEX scheduled_jobs_user ON scheduled_jobs (user_id);
      CREATE TABLE digest_items (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        category TEXT NOT NULL,
        line TEXT NOT NULL,
        url TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX digest_items_user ON digest_items (user_id, created_at);
      CREATE TABLE notification_state (
        user_id TEXT PRIMARY KEY,
        last_digest_at TEXT
      );
      CREATE TABLE session_notices (
        mentorship_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        head TEXT NOT NULL,
        PRIMARY KEY (mentorship_id, session_id)
      );
      CREATE TABLE notification_keys (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        secret BLOB NOT NULL
      );
    `);
  }
};
