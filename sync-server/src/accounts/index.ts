import type { ModuleContext, ServerModule } from '../module.ts';
import { platformName } from '../mail/index.ts';
import { SqliteAccountStore } from './account-store.ts';
import { accountRoutes } from './routes.ts';
import type { AccountPolicy } from './policy.ts';
import { eraseAccount, exportAccount } from './user-data.ts';

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
    // A deactivated account gets no reset link: a reset must not become a way around the admin's decision.
    mayReceivePasswordReset: (userId) => !ctx.store.findUserById(userId)?.deactivatedAt
  };
  let sweep: NodeJS.Timeout | undefined;
  return {
    name: 'accounts',
    routes: () => accountRoutes(ctx, accounts, policy),
    exportUserData: (userId) => exportAccount(ctx, userId),
    eraseUserData: (userId) => eraseAccount(ctx, accounts, userId),
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
