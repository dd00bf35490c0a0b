import type { Migration } from './types.ts';

/**
 * Closing a mentorship and its feedback (issue 14): why and by whom a pair ended (its optional note, seen by the pair
 * and the coordinators), each member's closing feedback (ratings, what helped, what to improve, the answers to the
 * programme's own questions, and whether the coordinator may read it individually), and the questions a coordinator
 * sets per programme.
 */
export const migration: Migration = {
  version: 14,
  name: 'closing-feedback',
  up(db) {
    db.exec(`
      ALTER TABLE mentorships ADD COLUMN end_reason TEXT
        CHECK (end_reason IS NULL OR end_reason IN ('completed', 'not-a-fit', 'left', 'other'));
      ALTER TABLE mentorships ADD COLUMN end_note TEXT;
      ALTER TABLE mentorships ADD COLUMN ended_by TEXT REFERENCES users(id) ON DELETE SET NULL;

      CREATE TABLE mentorship_feedback (
        mentorship_id TEXT NOT NULL REFERENCES mentorships(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        relationship_rating INTEGER NOT NULL CHECK (relationship_rating BETWEEN 1 AND 5),
        programme_rating INTEGER NOT NULL CHECK (programme_rating BETWEEN 1 AND 5),
        helped TEXT NOT NULL,
        improve TEXT NOT NULL,
        answers TEXT NOT NULL,
        share_individually INTEGER NOT NULL CHECK (share_individually IN (0, 1)),
        submitted_at TEXT NOT NULL,
        PRIMARY KEY (mentorship_id, user_id)
      );
      CREATE INDEX mentorship_feedback_user ON mentorship_feedback(user_id);

      CREATE TABLE feedback_questions (
        programme_id TEXT PRIMARY KEY REFERENCES programmes(id) ON DELETE CASCADE,
        questions TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  }
};
