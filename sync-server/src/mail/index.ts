import type { Logger } from '../logger.ts';
import type { AuthAccess, ServerModule } from '../module.ts';
import { SqliteOutbox } from './outbox.ts';
import { MailWorker, smtpTransport, type MailWorkerOptions } from './worker.ts';
import { outboxRoutes } from './routes.ts';

export { SqliteOutbox, linksIn, type QueuedMail } from './outbox.ts';
export { MailWorker, smtpTransport, type MailTransport, type MailWorkerOptions } from './worker.ts';
export {
  renderMail,
  appLink,
  escapeHtml,
  mailLanguage,
  type MailTemplate,
  type MailContent,
  type MailEnvironment
} from './render.ts';
export * from './templates/accounts.ts';

/** How mail leaves the server. */
export interface MailSettings {
  /** `MOP_SMTP_URL`; without it nothing is sent and admins read the outbox in the app. */
  smtpUrl?: string | undefined;
  /** `MOP_MAIL_FROM`; default `"<platform name>" <no-reply@<public host>>`. */
  from?: string | undefined;
  /** Worker timings (tests shorten them). */
  worker?: Omit<MailWorkerOptions, 'from' | 'messageIdDomain'>;
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
 * The outbox's module: the admin's outbox API and the background worker. The outbox itself (`ctx.mail`) is
 * created by the server before any module, so every domain can enqueue in its own transactions.
 */
export function createMailModule(
  ctx: { outbox: SqliteOutbox; auth: AuthAccess; logger: Logger; publicUrl: () => string; platformName: () => string },
  settings: MailSettings
): ServerModule {
  const configured = Boolean(settings.smtpUrl);
  let worker: MailWorker | null = null;
  return {
    name: 'mail',
    routes: () => outboxRoutes(ctx.outbox, ctx.auth, configured),
    start() {
      if (!configured) {
        ctx.logger.info('mail: no SMTP server configured (MOP_SMTP_URL); messages wait in the outbox for admins');
        return;
      }
      const messageIdDomain = hostOf(ctx.publicUrl());
      const from = settings.from || `"${ctx.platformName().replace(/["\\]/g, '')}" <no-reply@${messageIdDomain}>`;
      const transport = smtpTransport(settings.smtpUrl ?? '', { from, messageIdDomain });
      worker = new MailWorker(ctx.outbox, transport, ctx.logger, settings.worker);
      worker.start();
    },
    async close() {
      await worker?.stop();
    }
  };
}
