import type { ModuleContext } from '../module.ts';
import { appLink, confirmAddressMail, personLanguage, platformName, renderMail } from '../mail/index.ts';
import { SqliteAccountStore } from './account-store.ts';
import { newAccountToken } from './tokens.ts';

/** How long the link confirming a join-link sign-up's address works: a week, for someone who signed up at a workshop. */
const CONFIRM_ADDRESS_MINUTES = 7 * 24 * 60;

/**
 * Sends a new account made through a join link (where anyone can type any address) a link confirming its address.
 * It reuses the e-mail change's token and page (`/confirm-email`): confirming "changes" the address to itself, and
 * `POST /api/auth/confirm-email` records the confirmation (`user.email-confirm` in the audit log). Call inside the
 * sign-up's transaction.
 */
export function sendAddressConfirmation(
  ctx: ModuleContext,
  user: { id: string; email: string; name: string },
  programmeName: string
): void {
  const now = ctx.now();
  const { token, hash } = newAccountToken();
  new SqliteAccountStore(ctx.db).createToken({
    hash,
    userId: user.id,
    purpose: 'email-change',
    newEmail: user.email,
    now,
    expiresAt: new Date(now.getTime() + CONFIRM_ADDRESS_MINUTES * 60_000)
  });
  const env = { platformName: platformName(ctx), publicUrl: ctx.publicUrl };
  ctx.mail.enqueue(
    renderMail(
      confirmAddressMail,
      { to: user.email, language: personLanguage(ctx.db, user.id) },
      { name: user.name, programmeName, url: appLink(env, '/confirm-email', { token }) },
      env
    )
  );
}

/**
 * Whether the person confirmed the address their account has now: they opened a link mailed to it (the address
 * confirmation or an e-mail change, audited as `user.email-confirm`), or accepted an invitation sent to it.
 */
export const EMAIL_CONFIRMED_SQL = `(
  EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'user.email-confirm' AND a.target_user_id = u.id
          AND a.target_label = u.email)
  OR EXISTS (SELECT 1 FROM invitations i WHERE i.accepted_user_id = u.id AND lower(i.email) = u.email))`;

/** Whether `userId` confirmed their current address (see `EMAIL_CONFIRMED_SQL`). */
export function isEmailConfirmed(ctx: Pick<ModuleContext, 'db'>, userId: string): boolean {
  return ctx.db.prepare(`SELECT 1 FROM users u WHERE u.id = ? AND ${EMAIL_CONFIRMED_SQL}`).get(userId) !== undefined;
}
