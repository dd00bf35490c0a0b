import type { Logger } from './logger.ts';
import type { Mailer, OutgoingMail } from './module.ts';

/** How many mails the in-memory mailer keeps (the oldest are dropped first). */
const KEPT_MAILS = 100;

/** The in-memory mailer: what `ctx.mail` is until a module provides the durable outbox. */
export interface MemoryMailer extends Mailer {
  /** The last mails queued, oldest first. */
  readonly queued: readonly OutgoingMail[];
}

/**
 * The default `ctx.mail` while no module provides one: it logs each mail's category and recipient count (never the
 * address or the content: logs are not the place for personal data) and keeps the last few in memory. It sends
 * nothing. The outbox module, which writes mails to SQLite in the caller's transaction and sends them over SMTP,
 * replaces it by declaring `provides: { mail }`.
 */
export function createMemoryMailer(logger: Logger): MemoryMailer {
  const queued: OutgoingMail[] = [];
  return {
    queued,
    enqueue(mail) {
      queued.push(mail);
      if (queued.length > KEPT_MAILS) queued.shift();
      logger.info(`mail: "${mail.category}" to 1 recipient kept in memory (no outbox module; nothing is sent)`);
    }
  };
}
