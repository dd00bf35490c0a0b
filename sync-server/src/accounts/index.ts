import type { ModuleContext, ServerModule } from '../module.ts';
import { SqliteAccountStore } from './account-store.ts';
import { accountRoutes } from './routes.ts';

export { SqliteAccountStore, sessionPublicId } from './account-store.ts';
export { hashAccountToken, newAccountToken } from './tokens.ts';

/** What the accounts domain needs beyond the module context. */
export interface AccountsContext extends Pick<ModuleContext, 'auth' | 'mail' | 'publicUrl' | 'transaction' | 'now'> {
  /** The sync layer closes the sockets of a session that ended (reset, new password, sign out everywhere). */
  endSession(sessionHash: string): void;
  /** The platform's name, as mails carry it. */
  platformName(): string;
  /** False for accounts that must get no reset link (deactivated ones). */
  mayReceivePasswordReset(userId: string): boolean;
}

/**
 * Accounts: forgotten passwords, the person's settings (name, e-mail confirmed through the new address, password,
 * language, time zone), their sessions on other devices, and the admin's "send a reset link".
 */
export function createAccountsModule(
  ctx: ModuleContext,
  extra: Omit<AccountsContext, keyof ModuleContext>
): ServerModule {
  const accounts = new SqliteAccountStore(ctx.db);
  const context: AccountsContext = {
    auth: ctx.auth,
    mail: ctx.mail,
    get publicUrl() {
      return ctx.publicUrl;
    },
    transaction: (work) => ctx.transaction(work),
    now: () => ctx.now(),
    ...extra
  };
  let sweep: NodeJS.Timeout | null = null;
  return {
    name: 'accounts',
    routes: () => accountRoutes(context, accounts),
    start() {
      sweep = setInterval(
        () => {
          try {
            accounts.deleteExpiredTokens(ctx.now());
          } catch (error) {
            ctx.logger.error('accounts: could not delete expired tokens', error);
          }
        },
        60 * 60 * 1000
      );
      sweep.unref();
    },
    close() {
      if (sweep) clearInterval(sweep);
    }
  };
}
