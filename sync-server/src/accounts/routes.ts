import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import {
  AccountUpdateSchema,
  ConfirmEmailRequestSchema,
  EmailChangeSchema,
  ForgotPasswordRequestSchema,
  PasswordChangeSchema,
  ResetPasswordRequestSchema,
  ResetTokenCheckSchema,
  SESSION_COOKIE,
  type Account,
  type User,
  type ConfirmEmailResponse,
  type AccountSessionList,
  type SignOutOthersResponse
} from '@mop/shared';
import { consumeOrRefuse } from '../http/rate-limit.ts';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import { clientAddress } from '../auth/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hashSessionToken } from '../auth/sessions.ts';
import {
  appLink,
  emailChangeMail,
  emailChangedNoticeMail,
  passwordResetMail,
  personLanguage,
  renderMail
} from '../mail/index.ts';
import type { ModuleContext } from '../module.ts';
import type { AccountPolicy } from './policy.ts';
import type { SqliteAccountStore } from './account-store.ts';
import {
  ADMIN_PASSWORD_RESET_MINUTES,
  EMAIL_CHANGE_MINUTES,
  PASSWORD_RESET_MINUTES,
  hashAccountToken,
  newAccountToken
} from './tokens.ts';

const INVALID_LINK = 'This link has expired or was already used. Ask for a new one.';

/** Consumes one point of a limiter; a refusal becomes a 429 with Retry-After. */
/** Whether a limiter still has a point for `key` (consuming it); never throws for a refusal. */
async function withinLimit(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return false;
    throw rejection;
  }
}

function currentSessionHash(c: Context): string | null {
  const token = getCookie(c, SESSION_COOKIE);
  return token && token.length <= 200 ? hashSessionToken(token) : null;
}

/**
 * Forgotten passwords, e-mail changes and the person's own settings and sessions (`/api/auth/*`, `/api/account*`),
 * and the admin's "send a reset link" (`/api/admin/users/:userId/password-reset`).
 */
export function accountRoutes(ctx: ModuleContext, accounts: SqliteAccountStore, policy: AccountPolicy): Hono {
  const app = new Hono();
  // Per address of the asker: stops one machine from spraying reset mails at many people.
  const forgotByIp = new RateLimiterMemory({ points: 10, duration: 15 * 60 });
  // Per e-mail address: one mailbox gets a few reset mails an hour at most, whoever asks. Excess asks are answered
  // like any other (204) so the limit reveals nothing, but send nothing.
  const forgotByEmail = new RateLimiterMemory({ points: 3, duration: 60 * 60 });
  // Guesses of the current password from a signed-in session (a stolen cookie must not become a password oracle).

  const env = () => ({ platformName: policy.platformName(), publicUrl: ctx.publicUrl });

  function endSessions(userId: string, keepHash: string | null): number {
    const ended = accounts.endSessions(userId, keepHash);
    for (const hash of ended) ctx.docs.endSession(hash);
    return ended.length;
  }

  /** Writes a reset token and its mail in one transaction. */
  function sendResetLink(userId: string, validMinutes: number, fallbackLanguage?: string): void {
    const now = ctx.now();
    ctx.transaction(() => {
      const account = accounts.find(userId);
      if (!account) return;
      const { token, hash } = newAccountToken();
      accounts.createToken({
        hash,
        userId,
        purpose: 'password-reset',
        now,
        expiresAt: new Date(now.getTime() + validMinutes * 60_000)
      });
      const url = appLink(env(), '/reset-password', { token });
      ctx.mail.enqueue(
        renderMail(
          passwordResetMail,
          { to: account.email, language: personLanguage(ctx.db, account.id, fallbackLanguage) },
          { name: account.name, url, validMinutes },
          env()
        )
      );
    });
  }

  function accountOf(user: User): Account {
    const account = accounts.find(user.id);
    if (!account) throw new ApiRefusal(401, 'unauthenticated', 'Sign in first');
    const { passwordHash: _hash, ...visible } = account;
    return { ...visible, pendingEmail: accounts.pendingEmail(user.id, ctx.now()) };
  }

  app.post(
    '/auth/forgot-password',
    guarded(async (c) => {
      const { email, language } = await readBody(c, ForgotPasswordRequestSchema);
      await consumeOrRefuse(
        c,
        forgotByIp,
        clientAddress(c),
        'too_many_attempts',
        'Too many requests. Wait a few minutes and try again.'
      );
      const account = accounts.findByEmail(email);
      if (account && (await withinLimit(forgotByEmail, email)) && policy.mayReceivePasswordReset(account.id))
        sendResetLink(account.id, PASSWORD_RESET_MINUTES, language);
      // The same answer whether or not the address has an account.
      return c.body(null, 204);
    })
  );

  app.post(
    '/auth/reset-password/check',
    guarded(async (c) => {
      const { token } = await readBody(c, ResetTokenCheckSchema);
      if (!accounts.peekToken(hashAccountToken(token), 'password-reset', ctx.now()))
        throw new ApiRefusal(400, 'invalid_token', INVALID_LINK);
      return c.body(null, 204);
    })
  );

  app.post(
    '/auth/reset-password',
    guarded(async (c) => {
      const { token, password } = await readBody(c, ResetPasswordRequestSchema);
      const hash = hashAccountToken(token);
      // Checked before the (deliberately slow) password hashing, and used only after it, in the transaction.
      if (!accounts.peekToken(hash, 'password-reset', ctx.now()))
        throw new ApiRefusal(400, 'invalid_token', INVALID_LINK);
      const passwordHash = await hashPassword(password);
      const ended = ctx.transaction(() => {
        const now = ctx.now();
        const used = accounts.useToken(hash, 'password-reset', now);
        if (!used) return null;
        accounts.setPassword(used.userId, passwordHash);
        accounts.retireTokens(used.userId, 'password-reset', now);
        return accounts.endSessions(used.userId);
      });
      if (!ended) throw new ApiRefusal(400, 'invalid_token', INVALID_LINK);
      for (const sessionHash of ended) ctx.docs.endSession(sessionHash);
      return c.body(null, 204);
    })
  );

  app.post(
    '/auth/confirm-email',
    guarded(async (c) => {
      const { token } = await readBody(c, ConfirmEmailRequestSchema);
      const confirmed = ctx.transaction((): ConfirmEmailResponse => {
        const now = ctx.now();
        const used = accounts.useToken(hashAccountToken(token), 'email-change', now);
        if (!used?.newEmail) throw new ApiRefusal(400, 'invalid_token', INVALID_LINK);
        const account = accounts.find(used.userId);
        if (!account) throw new ApiRefusal(400, 'invalid_token', INVALID_LINK);
        const owner = accounts.findByEmail(used.newEmail);
        if (owner && owner.id !== account.id)
          throw new ApiRefusal(409, 'email_taken', 'Another account uses this address now');
        accounts.setEmail(account.id, used.newEmail);
        accounts.retireTokens(account.id, 'email-change', now);
        // The durable record that this address is confirmed (the coordinator's approval list reads it).
        ctx.audit.record(
          { id: account.id, email: used.newEmail, name: account.name, role: account.role },
          { action: 'user.email-confirm', targetUserId: account.id, targetLabel: used.newEmail }
        );
        const changed = account.email !== used.newEmail;
        if (changed)
          ctx.mail.enqueue(
            renderMail(
              emailChangedNoticeMail,
              { to: account.email, language: personLanguage(ctx.db, account.id) },
              { name: account.name, newEmail: used.newEmail },
              env()
            )
          );
        return { email: used.newEmail, changed };
      });
      return c.json(confirmed);
    })
  );

  app.get(
    '/account',
    guarded((c) => c.json(accountOf(ctx.auth.requireUser(c))))
  );

  app.patch(
    '/account',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const change = await readBody(c, AccountUpdateSchema);
      accounts.update(user.id, change);
      return c.json(accountOf(user));
    })
  );

  app.post(
    '/account/password',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const { currentPassword, newPassword } = await readBody(c, PasswordChangeSchema);
      await ctx.auth.confirmPassword(c, user, currentPassword);
      const passwordHash = await hashPassword(newPassword);
      const keep = currentSessionHash(c);
      ctx.transaction(() => {
        accounts.setPassword(user.id, passwordHash);
        accounts.retireTokens(user.id, 'password-reset', ctx.now());
      });
      // A new password ends the sessions of the other devices (whoever knew the old one), not this one.
      endSessions(user.id, keep);
      return c.body(null, 204);
    })
  );

  app.post(
    '/account/email',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const { newEmail, currentPassword } = await readBody(c, EmailChangeSchema);
      await ctx.auth.confirmPassword(c, user, currentPassword);
      const account = accountOf(user);
      if (newEmail === account.email) throw new ApiRefusal(400, 'same_email', 'This is already your address');
      if (accounts.findByEmail(newEmail)) throw new ApiRefusal(409, 'email_taken', 'Another account uses this address');
      ctx.transaction(() => {
        const now = ctx.now();
        accounts.retireTokens(user.id, 'email-change', now);
        const { token, hash } = newAccountToken();
        accounts.createToken({
          hash,
          userId: user.id,
          purpose: 'email-change',
          newEmail,
          now,
          expiresAt: new Date(now.getTime() + EMAIL_CHANGE_MINUTES * 60_000)
        });
        const url = appLink(env(), '/confirm-email', { token });
        ctx.mail.enqueue(
          renderMail(
            emailChangeMail,
            { to: newEmail, language: personLanguage(ctx.db, account.id) },
            { name: account.name, url, newEmail, validMinutes: EMAIL_CHANGE_MINUTES },
            env()
          )
        );
      });
      return c.json(accountOf(user), 202);
    })
  );

  app.delete(
    '/account/email',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      accounts.retireTokens(user.id, 'email-change', ctx.now());
      return c.json(accountOf(user));
    })
  );

  app.get(
    '/account/sessions',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      return c.json({
        sessions: accounts.listSessions(user.id, currentSessionHash(c), ctx.now())
      } satisfies AccountSessionList);
    })
  );

  app.post(
    '/account/sessions/sign-out-others',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      return c.json({ ended: endSessions(user.id, currentSessionHash(c)) } satisfies SignOutOthersResponse);
    })
  );

  app.post(
    '/admin/users/:userId/password-reset',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      if (user.role !== 'admin')
        throw new ApiRefusal(403, 'forbidden', 'Only platform admins can send password-reset links');
      const target = accounts.find(c.req.param('userId') ?? '');
      if (!target) throw new ApiRefusal(404, 'not_found', 'No such user');
      ctx.transaction(() => {
        sendResetLink(target.id, ADMIN_PASSWORD_RESET_MINUTES);
        ctx.audit.record(user, { action: 'user.password-reset', targetUserId: target.id, targetLabel: target.email });
      });
      return c.body(null, 204);
    })
  );

  return app;
}
