import type { Migration } from './types.ts';

/**
 * Idle session expiry: each session records when it was last used, so one left untouched for longer than the idle
 * limit (`MOP_SESSION_IDLE_DAYS`, default 14) stops working even before its 30-day lifetime ends. Existing sessions
 * count as used when they were created.
 */
export const migration: Migration = {
  version: 11,
  name: 'session-idle',
  up(db) {
    db.exec(`
      ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
      UPDATE sessions SET last_seen_at = created_at;
    `);
  }
};
