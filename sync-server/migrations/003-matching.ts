import type { Migration } from './types.ts';

/**
 * Matching: each programme's matching settings (JSON validated by `MatchingSettingsSchema`), the coordinator's
 * matching runs (request and engine result as JSON; draft until published), the "why you were matched"
 * explanation of each mentorship created by matching, and the mentees' self-matching requests.
 */
export const migration: Migration = {
  version: 3,
  name: 'matching',
  up(db) {
    db.exec(`
      CREATE TABLE programme_matching_settings (
        programme_id TEXT PRIMARY KEY REFERENCES programmes(id) ON DELETE CASCADE,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE matching_runs (
        id TEXT PRIMARY KEY,
        programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('draft', 'published')) DEFAULT 'draft',
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        published_at TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX matching_runs_programme ON matching_runs(programme_id, created_at);

      CREATE TABLE mentorship_matches (
        mentorship_id TEXT PRIMARY KEY REFERENCES mentorships(id) ON DELETE CASCADE,
        run_id TEXT REFERENCES matching_runs(id) ON DELETE SET NULL,
        explanation TEXT NOT NULL
      );

      CREATE TABLE match_requests (
        id TEXT PRIMARY KEY,
        programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        mentee_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        mentor_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        message TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')) DEFAULT 'pending',
        created_at TEXT NOT NULL,
        decided_at TEXT,
        mentorship_id TEXT REFERENCES mentorships(id) ON DELETE SET NULL
      );
      CREATE INDEX match_requests_mentee ON match_requests(mentee_id);
      CREATE INDEX match_requests_mentor ON match_requests(mentor_id);
    `);
  }
};
