import type { Migration } from './types.ts';

/**
 * The mentoring workspace's server records: private calendar feed tokens (one per user, stored hashed), files
 * uploaded to a pair (bytes in a content-addressed blob store of their own), and programme community discussions
 * (topics, posts, hides by coordinators, reports by members). Everything else of the workspace lives in the pair's
 * Yjs document.
 */
export const migration: Migration = {
  version: 4,
  name: 'workspace',
  up(db) {
    db.exec(`
      CREATE TABLE calendar_tokens (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );

      CREATE TABLE pair_files (
        id TEXT PRIMARY KEY,
        mentorship_id TEXT NOT NULL REFERENCES mentorships(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        uploaded_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL
      );
      CREATE INDEX pair_files_mentorship ON pair_files(mentorship_id);

      CREATE TABLE community_topics (
        id TEXT PRIMARY KEY,
        programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        last_post_at TEXT NOT NULL
      );
      CREATE INDEX community_topics_programme ON community_topics(programme_id, last_post_at);

      CREATE TABLE community_posts (
        id TEXT PRIMARY KEY,
        topic_id TEXT NOT NULL REFERENCES community_topics(id) ON DELETE CASCADE,
        author_id TEXT NOT NULL REFERENCES users(id),
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        hidden_at TEXT,
        hidden_by TEXT REFERENCES users(id),
        hidden_reason TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX community_posts_topic ON community_posts(topic_id, created_at);

      CREATE TABLE community_reports (
        post_id TEXT NOT NULL REFERENCES community_posts(id) ON DELETE CASCADE,
        reporter_id TEXT NOT NULL REFERENCES users(id),
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (post_id, reporter_id)
      );
    `);
  }
};
