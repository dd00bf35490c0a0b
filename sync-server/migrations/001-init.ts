import type { Migration } from './types.ts';

/** Users, sessions, programmes, mentorships and the append-only log of Yjs updates. */
export const migration: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'mentor', 'mentee')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);

      CREATE TABLE programmes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );

      CREATE TABLE programme_members (
        programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('coordinator', 'mentor', 'mentee')),
        PRIMARY KEY (programme_id, user_id, role)
      );
      CREATE INDEX programme_members_user ON programme_members(user_id);

      CREATE TABLE mentorships (
        id TEXT PRIMARY KEY,
        programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        mentor_id TEXT NOT NULL REFERENCES users(id),
        mentee_id TEXT NOT NULL REFERENCES users(id),
        status TEXT NOT NULL CHECK (status IN ('active', 'closed')) DEFAULT 'active',
        created_at TEXT NOT NULL
      );
      CREATE INDEX mentorships_mentor ON mentorships(mentor_id);
      CREATE INDEX mentorships_mentee ON mentorships(mentee_id);
      CREATE INDEX mentorships_programme ON mentorships(programme_id);

      CREATE TABLE doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_name TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX doc_updates_doc ON doc_updates(doc_name, seq);
    `);
  }
};
