import type { Migration } from './types.ts';

/**
 * Accounts and e-mail: each user's interface language and time zone (used by e-mails and calendars), the device a
 * session was started from (for "sessions on other devices"), single-use account tokens (password reset, e-mail
 * change; stored as SHA-256 only) and the durable outbox every domain's mail goes through.
 */
export const migration: Migration = {
  version: 7,
  name: 'accounts-mail',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('en', 'it', 'es'));
      ALTER TABLE users ADD COLUMN time_zone TEXT;

      ALTER TABLE sessions ADD COLUMN user_agent TEXT;

      CREATE TABLE account_tokens (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose TEXT NOT NULL CHECK (purpose IN ('password-reset', 'email-change')),
        new_email TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE INDEX account_tokens_user ON account_tokens(user_id, purpose);

      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        text_body TEXT NOT NULL,
        html_body TEXT,
        category TEXT NOT NULL,
        headers TEXT NOT NULL DEFAULT '{}',
        attachments TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')) DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT
      );
      CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
      CREATE INDEX outbox_created ON outbox(created_at);
    `);
  }
};
