import type { Migration } from './types.ts';

/**
 * Personal data rights: when an account was erased (the row stays, anonymised, so the pair's records keep a valid
 * author id that no longer names anyone), the access log of coordinators' and admins' reads of personal data, the
 * acknowledgements of the privacy notice (which version, when) given at sign-up, and retention: how many days a
 * programme's data is kept after it is archived (null: the platform's default) and when a mentorship ended.
 */
export const migration: Migration = {
  version: 9,
  name: 'privacy',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN erased_at TEXT;
      ALTER TABLE programmes ADD COLUMN retention_days INTEGER;
      ALTER TABLE mentorships ADD COLUMN closed_at TEXT;

      CREATE TABLE access_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_id TEXT REFERENCES users(id) ON DELETE SET NULL,
        actor_name TEXT NOT NULL,
        subject_user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
        programme_id TEXT,
        what TEXT NOT NULL
      );
      CREATE INDEX access_log_at ON access_log(at);
      CREATE INDEX access_log_subject ON access_log(subject_user_id, at);

      CREATE TABLE privacy_acknowledgements (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        notice_version INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (user_id, notice_version)
      );
    `);
  }
};
