import type Database from 'better-sqlite3';
import type { AccountLanguage } from '@mop/shared';

/** The install's default language: the app's base locale (project.inlang `baseLocale`). */
const INSTALL_LANGUAGE: AccountLanguage = 'en';

const known = (language: string | null | undefined): AccountLanguage | null =>
  language === 'en' || language === 'it' || language === 'es' ? language : null;

/**
 * The language a person chose, as far as the server knows: the one on their account; else the language of the last
 * invitation they accepted (accounts made before sign-up stored a language had none, and a person invited in Spanish
 * reads Spanish); else null. A sign-in answers with it, so the app shows the language the e-mails are written in.
 */
export function accountLanguage(db: Database.Database, userId: string): AccountLanguage | null {
  const row = db
    .prepare(
      `SELECT u.language AS account,
              (SELECT i.language FROM invitations i
                WHERE i.accepted_user_id = u.id AND i.language IS NOT NULL
                ORDER BY i.accepted_at DESC LIMIT 1) AS invited
         FROM users u WHERE u.id = ?`
    )
    .get(userId) as { account: string | null; invited: string | null } | undefined;
  return known(row?.account) ?? known(row?.invited);
}

/**
 * The language to write to a person in: the one they chose (`accountLanguage`); else `fallback` (the language the
 * asker's app showed, when there is one); else the install's default.
 */
export function personLanguage(db: Database.Database, userId: string, fallback?: string | null): AccountLanguage {
  return accountLanguage(db, userId) ?? known(fallback) ?? INSTALL_LANGUAGE;
}
