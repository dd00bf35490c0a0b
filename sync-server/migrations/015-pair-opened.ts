import type { Migration } from './types.ts';

/**
 * When a member first opened their pair (`mentorships.first_opened_at`, set by the server on the first sync
 * connection of the pair's mentor or mentee): a coordinator may unpublish a pair only while it is null. And the
 * pairs a coordinator withdrew (`withdrawn_pairs`), so the link in an earlier "you were matched" e-mail says the
 * match was withdrawn instead of "Page not found"; only the pair's two members are told (the row names them).
 */
export const migration: Migration = {
  version: 15,
  name: 'pair-opened',
  up(db) {
    db.exec(`
      ALTER TABLE mentorships ADD COLUMN first_opened_at TEXT;

      CREATE TABLE withdrawn_pairs (
        mentorship_id TEXT PRIMARY KEY,
        programme_id TEXT NOT NULL,
        mentor_id TEXT NOT NULL,
        mentee_id TEXT NOT NULL,
        withdrawn_at TEXT NOT NULL
      );
      CREATE INDEX withdrawn_pairs_mentor ON withdrawn_pairs(mentor_id);
      CREATE INDEX withdrawn_pairs_mentee ON withdrawn_pairs(mentee_id);
    `);
  }
};
