import type { ModuleContext, UserDataFile } from '../module.ts';
import { jsonFile } from '../storage/read-doc.ts';
import type { SqliteAccountStore } from './account-store.ts';

/** The account itself and the devices signed in to it (no token, only what the person sees in their settings). */
export function exportAccount(ctx: ModuleContext, userId: string): UserDataFile[] {
  const account = ctx.db
    .prepare(
      `SELECT id, email, name, role, language, time_zone AS timeZone, created_at AS createdAt,
              deactivated_at AS deactivatedAt FROM users WHERE id = ?`
    )
    .get(userId);
  const sessions = ctx.db
    .prepare(
      `SELECT created_at AS signedInAt, expires_at AS expiresAt, user_agent AS device FROM sessions
       WHERE user_id = ? ORDER BY created_at`
    )
    .all(userId);
  return [jsonFile('account.json', account ?? null), jsonFile('sessions.json', sessions)];
}

/** Signs the person out everywhere (closing their open sync connections) and deletes their account tokens. */
export function eraseAccount(ctx: ModuleContext, accounts: SqliteAccountStore, userId: string): void {
  const hashes = ctx.transaction(() => {
    accounts.deleteTokens(userId);
    return accounts.endSessions(userId);
  });
  for (const hash of hashes) ctx.docs.endSession(hash);
}
