import type { ModuleContext, ServerModule } from '../module.ts';
import { platformName } from '../mail/index.ts';
import { SqliteAccountStore } from './account-store.ts';
import { accountRoutes } from './routes.ts';

export { SqliteAccountStore, sessionPublicId } from './account-store.ts';
export { hashAccountToken, newAccountToken } from './tokens.ts';

/** What the accounts routes need beyond the module context. */
export interface AccountPolicy {
  /** The platform's name, as mails carry it. */
  platformName(): string;
  /** False for accounts that must get no reset link (deactivated ones). */
  mayReceivePasswordReset(userId: string): boolean;
}

/** How often used and expired account tokens are deleted. */
const TOKEN_SWEEP_MS = 60 * 60 * 1000;

/**
 * Accounts: forgotten passwords, the person's settings (name, e-mail confirmed through the new address, password,
 * language, time zone), their sessions on other devices, and the admin's "send a reset link".
 */
export function createAccountsModule(ctx: ModuleContext): ServerModule {
  const accounts = new SqliteAccountStore(ctx.db);
  const policy: AccountPolicy = {
    platformName: () => platformName(ctx),
    mayReceivePasswordReset: () => true
  };
  let sweep: NodeJS.Timeout | undefined;
  return {
    name: 'accounts',
    routes: () => accountRoutes(ctx, accounts, policy),
    start() {
      sweep = setInterval(() => {
        try {
          accounts.deleteExpiredTokens(ctx.now());
        } catch (error) {
          ctx.logger.error('accounts: could not delete expired tokens', error);
        }
      }, TOKEN_SWEEP_MS);
      sweep.unref();
    },
    close() {
      clearInterval(sweep);
    }
  };
}
