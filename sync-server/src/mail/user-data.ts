import type { ModuleContext, UserDataFile } from '../module.ts';
import { jsonFile } from '../storage/read-doc.ts';

const emailOf = (ctx: ModuleContext, userId: string): string | null =>
  (ctx.db.prepare('SELECT email FROM users WHERE id = ?').pluck().get(userId) as string | undefined) ?? null;

/** The e-mails the platform sent (or is about to send) to the person's address, with their text. */
export function exportMail(ctx: ModuleContext, userId: string): UserDataFile[] {
  const email = emailOf(ctx, userId);
  const mails = ctx.db
    .prepare(
      `SELECT subject, text_body AS text, category, status, created_at AS createdAt, sent_at AS sentAt
       FROM outbox WHERE recipient = ? ORDER BY created_at`
    )
    .all(email);
  return [jsonFile('mails-to-you.json', mails)];
}

/** Deletes every mail to the person's address, sent or waiting (a waiting one is not sent). */
export function eraseMail(ctx: ModuleContext, userId: string): void {
  const email = emailOf(ctx, userId);
  if (email) ctx.db.prepare('DELETE FROM outbox WHERE recipient = ?').run(email);
}
