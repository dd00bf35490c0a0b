import type { Migration } from './types.ts';

/**
 * Real installs: the platform's own settings (its name, whether the database holds demo data), the one-time setup
 * link, organisations owning programmes, programme settings a coordinator edits (dates, languages, how people join,
 * archiving), deactivated users, invitations and workshop join links (tokens stored as SHA-256 only), people waiting
 * for a coordinator's approval, and the audit log of admin and coordinator actions.
 */
export const migration: Migration = {
  version: 8,
  name: 'cohorts',
  up(db) {
    db.exec(`
      CREATE TABLE platform_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE setup_tokens (
        token_hash TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );

      CREATE TABLE organisations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX organisations_name ON organisations(name COLLATE NOCASE);

      ALTER TABLE programmes ADD COLUMN organisation_id TEXT REFERENCES organisations(id);
      ALTER TABLE programmes ADD COLUMN starts_on TEXT;
      ALTER TABLE programmes ADD COLUMN ends_on TEXT;
      ALTER TABLE programmes ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE programmes ADD COLUMN join_mode TEXT NOT NULL DEFAULT 'invitation'
        CHECK (join_mode IN ('invitation', 'open'));
      ALTER TABLE programmes ADD COLUMN approval_required INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE programmes ADD COLUMN archived_at TEXT;
      CREATE INDEX programmes_organisation ON programmes(organisation_id);

      ALTER TABLE users ADD COLUMN deactivated_at TEXT;

      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('coordinator', 'mentor', 'mentee')),
        language TEXT,
        token_hash TEXT NOT NULL UNIQUE,
        invited_by TEXT REFERENCES users(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        opened_at TEXT,
        accepted_at TEXT,
        accepted_user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
        revoked_at TEXT
      );
      CREATE INDEX invitations_programme ON invitations(programme_id, created_at);
      CREATE INDEX invitations_email ON invitations(email);

      CREATE TABLE join_links (
        id TEXT PRIMARY KEY,
        programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
        expires_at TEXT NOT NULL,
        max_uses INTEGER NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0,
        created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX join_links_programme ON join_links(programme_id);

      CREATE TABLE join_requests (
        programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
        join_link_id TEXT REFERENCES join_links(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (programme_id, user_id)
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        target_user_id TEXT,
        target_label TEXT,
        programme_id TEXT,
        organisation_id TEXT,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_actor ON audit_log(actor_id);
      CREATE INDEX audit_log_programme ON audit_log(programme_id);
    `);
  }
};
