import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Account, AccountLanguage, AccountSession, Role } from '@mop/shared';

export type AccountTokenPurpose = 'password-reset' | 'email-change';

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  language: AccountLanguage | null;
  time_zone: string | null;
}

/** A user's account row, with what only the accounts domain reads (the password hash). */
export interface AccountRecord extends Omit<Account, 'pendingEmail'> {
  passwordHash: string;
}

const toRecord = (row: AccountRow): AccountRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  language: row.language,
  timeZone: row.time_zone
});

/** The opaque id a session is shown under: derived from its hash, so neither the token nor the hash leaves. */
function sessionPublicId(tokenHash: string): string {
  return createHash('sha256').update(`session-id:${tokenHash}`).digest('base64url').slice(0, 22);
}

/** The accounts domain's SQL: settings columns of `users`, sessions by user and single-use account tokens. */
export class SqliteAccountStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      byId: db.prepare('SELECT id, email, name, role, password_hash, language, time_zone FROM users WHERE id = ?'),
      byEmail: db.prepare(
        'SELECT id, email, name, role, password_hash, language, time_zone FROM users WHERE email = ?'
      ),
      setName: db.prepare('UPDATE users SET name = ? WHERE id = ?'),
      setLanguage: db.prepare('UPDATE users SET language = ? WHERE id = ?'),
      setTimeZone: db.prepare('UPDATE users SET time_zone = ? WHERE id = ?'),
      setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
      setEmail: db.prepare('UPDATE users SET email = ? WHERE id = ?'),
      sessions: db.prepare(
        'SELECT token_hash, created_at, expires_at, user_agent FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC'
      ),
      sessionHashes: db.prepare('SELECT token_hash FROM sessions WHERE user_id = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      insertToken: db.prepare(
        'INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'
      ),
      liveToken: db.prepare(
        'SELECT user_id, new_email FROM account_tokens WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?'
      ),
      useToken: db.prepare(
        'UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id, new_email'
      ),
      retireTokens: db.prepare(
        'UPDATE account_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL'
      ),
      pendingEmail: db.prepare(
        "SELECT new_email FROM account_tokens WHERE user_id = ? AND purpose = 'email-change' AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1"
      ),
      deleteOldTokens: db.prepare('DELETE FROM account_tokens WHERE expires_at <= ?'),
      deleteUserTokens: db.prepare('DELETE FROM account_tokens WHERE user_id = ?')
    };
  }

  find(userId: string): AccountRecord | null {
    const row = this.s.byId.get(userId) as AccountRow | undefined;
    return row ? toRecord(row) : null;
  }

  findByEmail(email: string): AccountRecord | null {
    const row = this.s.byEmail.get(email) as AccountRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The address an e-mail change waits to confirm, if any. */
  pendingEmail(userId: string, now: Date): string | null {
    const row = this.s.pendingEmail.get(userId, now.toISOString()) as { new_email: string } | undefined;
    return row?.new_email ?? null;
  }

  update(userId: string, change: { name?: string; language?: AccountLanguage | null; timeZone?: string | null }): void {
    this.db.transaction(() => {
      if (change.name !== undefined) this.s.setName.run(change.name, userId);
      if (change.language !== undefined) this.s.setLanguage.run(change.language, userId);
      if (change.timeZone !== undefined) this.s.setTimeZone.run(change.timeZone, userId);
    })();
  }

  setPassword(userId: string, passwordHash: string): void {
    this.s.setPassword.run(passwordHash, userId);
  }

  setEmail(userId: string, email: string): void {
    this.s.setEmail.run(email, userId);
  }

  listSessions(userId: string, currentHash: string | null, now: Date): AccountSession[] {
    const rows = this.s.sessions.all(userId, now.toISOString()) as {
      token_hash: string;
      created_at: string;
      expires_at: string;
      user_agent: string | null;
    }[];
    return rows.map((row) => ({
      id: sessionPublicId(row.token_hash),
      current: row.token_hash === currentHash,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      userAgent: row.user_agent
    }));
  }

  /** Deletes every token (reset, e-mail change) a user was sent, used or not: for erasing their account. */
  deleteTokens(userId: string): void {
    this.s.deleteUserTokens.run(userId);
  }

  /** Deletes every session of a user except `keepHash`; returns the hashes it ended. */
  endSessions(userId: string, keepHash: string | null = null): string[] {
    const hashes = (this.s.sessionHashes.all(userId) as { token_hash: string }[])
      .map((row) => row.token_hash)
      .filter((hash) => hash !== keepHash);
    for (const hash of hashes) this.s.deleteSession.run(hash);
    return hashes;
  }

  createToken(token: {
    hash: string;
    userId: string;
    purpose: AccountTokenPurpose;
    newEmail?: string;
    now: Date;
    expiresAt: Date;
  }): void {
    this.s.insertToken.run(
      token.hash,
      token.userId,
      token.purpose,
      token.newEmail ?? null,
      token.now.toISOString(),
      token.expiresAt.toISOString()
    );
  }

  /** Whether a token would be accepted now (without using it). */
  peekToken(hash: string, purpose: AccountTokenPurpose, now: Date): { userId: string; newEmail: string | null } | null {
    const row = this.s.liveToken.get(hash, purpose, now.toISOString()) as
      { user_id: string; new_email: string | null } | undefined;
    return row ? { userId: row.user_id, newEmail: row.new_email } : null;
  }

  /** Uses a token once: null when it is unknown, expired or already used. */
  useToken(hash: string, purpose: AccountTokenPurpose, now: Date): { userId: string; newEmail: string | null } | null {
    const iso = now.toISOString();
    const row = this.s.useToken.get(iso, hash, purpose, iso) as
      { user_id: string; new_email: string | null } | undefined;
    return row ? { userId: row.user_id, newEmail: row.new_email } : null;
  }

  /** Marks every unused token of that purpose as used (a reset retires the other reset links). */
  retireTokens(userId: string, purpose: AccountTokenPurpose, now: Date): void {
    this.s.retireTokens.run(now.toISOString(), userId, purpose);
  }

  deleteExpiredTokens(now: Date): number {
    return this.s.deleteOldTokens.run(now.toISOString()).changes;
  }
}
