import type { ModuleContext, ModuleFactory } from '../module.ts';
import { SqliteOutbox } from './outbox.ts';
import { MailWorker, smtpTransport, type MailWorkerOptions } from './worker.ts';
import { outboxRoutes } from './routes.ts';
import { eraseMail, exportMail } from './user-data.ts';

export { renderMail, appLink, mailLanguage, type MailEnvironment, type MailTemplate } from './render.ts';
export * from './templates/accounts.ts';
export { accountLanguage, personLanguage } from './language.ts';

/** How mail leaves the server. */
export interface MailSettings {
  /** `MOP_SMTP_URL`; without it nothing is sent and admins read the outbox in the app. */
  smtpUrl?: string | undefined;
  /** `MOP_MAIL_FROM`; default `"<platform name>" <no-reply@<public host>>`. */
  from?: string | undefined;
  /** Worker timings (tests shorten them). */
  worker?: Omit<MailWorkerOptions, 'from' | 'messageIdDomain'>;
}

/**
 * The platform's name as mails carry it: what the admin chose on the first-run page (`platform_settings`, migration
 * 008), else MOP.
 */
export function platformName(ctx: Pick<ModuleContext, 'db'>): string {
  const row = ctx.db.prepare("SELECT value FROM platform_settings WHERE key = 'platform_name'").get() as
    { value: string } | undefined;
  return row?.value ?? 'MOP';
}

/** The host of the public URL, for Message-IDs and the default sender. */
function hostOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/**
 * The outbox's module factory for these settings: it provides the durable `ctx.mail` (SQLite, in the caller's
 * transaction), the admin's outbox API and, with SMTP configured, the background worker that sends.
 */
export function mailModule(settings: MailSettings): ModuleFactory {
  return (ctx) => {
    const outbox = new SqliteOutbox(ctx.db, () => ctx.now());
    const configured = Boolean(settings.smtpUrl);
    let worker: MailWorker | null = null;
    return {
      name: 'mail',
      provides: { mail: outbox },
      routes: () => outboxRoutes(outbox, ctx.auth, configured),
      exportUserData: (userId) => exportMail(ctx, userId),
      eraseUserData: (userId) => eraseMail(ctx, userId),
      start() {
        if (!configured) {
          ctx.logger.info('mail: no SMTP server configured (MOP_SMTP_URL); messages wait in the outbox for admins');
          return;
        }
        const messageIdDomain = hostOf(ctx.publicUrl);
        const from = settings.from || `"${platformName(ctx).replace(/["\\]/g, '')}" <no-reply@${messageIdDomain}>`;
        const transport = smtpTransport(settings.smtpUrl ?? '', { from, messageIdDomain });
        worker = new MailWorker(outbox, transport, ctx.logger, settings.worker, () => ctx.now());
        worker.start();
      },
      async close() {
        await worker?.stop();
      }
    };
  };
}
