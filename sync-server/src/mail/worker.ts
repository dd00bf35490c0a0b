import nodemailer from 'nodemailer';
import type { Logger } from '../logger.ts';
import type { QueuedMail, SqliteOutbox } from './outbox.ts';

/** Sends one message; resolves when the SMTP server accepted it, throws otherwise. */
export type MailTransport = (mail: QueuedMail) => Promise<void>;

/** Options of the outbox worker. */
export interface MailWorkerOptions {
  /** The sender, e.g. `"MOP" <mop@example.org>` (`MOP_MAIL_FROM`). */
  from: string;
  /** The host part of Message-IDs (the public URL's host), so a receiving server can recognise a message sent twice. */
  messageIdDomain: string;
  /** How often the queue is looked at when nothing wakes the worker; default 5 s. */
  pollIntervalMs?: number;
  /** The first retry's delay, doubled for each failure up to `maxRetryDelayMs`; default 30 s. */
  retryDelayMs?: number;
  /** Default 1 h. */
  maxRetryDelayMs?: number;
  /** Attempts before a message is marked failed; default 10 (about 8 hours with the default delays). */
  maxAttempts?: number;
}

/** A nodemailer SMTP transport for `smtp://user:pass@host:587` or `smtps://…:465` URLs (`MOP_SMTP_URL`). */
export function smtpTransport(url: string, options: { from: string; messageIdDomain: string }): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return async (mail) => {
    await transporter.sendMail({
      from: options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html !== undefined ? { html: mail.html } : {}),
      headers: mail.headers ?? {},
      attachments: (mail.attachments ?? []).map((a) => ({
        filename: a.filename,
        content: a.content,
        contentType: a.contentType
      })),
      // The same id on every attempt: a message sent again after a crash is recognisably the same message.
      messageId: `<${mail.id}@${options.messageIdDomain}>`
    });
  };
}

/** Whether an SMTP error is final for this message (the recipient was refused), rather than worth retrying. */
function isPermanent(error: unknown): boolean {
  const { responseCode, command } = (error ?? {}) as { responseCode?: number; command?: string };
  return typeof responseCode === 'number' && responseCode >= 500 && /^RCPT/i.test(command ?? '');
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}

/**
 * Sends what the outbox holds, one message at a time, with exponential back-off between attempts. Without a
 * transport (no SMTP configured) it is never started and the messages wait in the outbox, where admins read them.
 */
export class MailWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly pollIntervalMs: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly outbox: SqliteOutbox,
    private readonly transport: MailTransport,
    private readonly logger: Logger,
    options: Omit<MailWorkerOptions, 'from' | 'messageIdDomain'> = {},
    private readonly now: () => Date = () => new Date()
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.retryDelayMs = options.retryDelayMs ?? 30_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60 * 60 * 1000;
    this.maxAttempts = options.maxAttempts ?? 10;
  }

  /** Recovers messages a stopped server left half-sent, then sends on every poll and after every enqueue. */
  start(): void {
    const recovered = this.outbox.recoverInterrupted();
    if (recovered > 0)
      this.logger.warn(`mail: ${recovered} message(s) interrupted by the last stop will be sent again`);
    this.outbox.onEnqueued = () => this.wake();
    this.timer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Runs a pass over the queue now (or right after the one under way). */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.wake();
      }
    });
    return this.running;
  }

  /** Stops polling and waits for the message being sent, so its outcome is recorded before the database closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.outbox.onEnqueued = () => {};
    await this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      let batch;
      try {
        batch = this.outbox.due(20);
      } catch (error) {
        this.logger.error('mail: could not read the outbox', error);
        return;
      }
      if (batch.length === 0) return;
      for (const row of batch) {
        if (this.stopped) return;
        await this.sendOne(row.id);
      }
    }
  }

  private async sendOne(id: string): Promise<void> {
    const mail = this.outbox.claim(id);
    if (!mail) return;
    try {
      await this.transport(mail);
    } catch (error) {
      const reason = describe(error);
      if (isPermanent(error) || mail.attempts >= this.maxAttempts) {
        this.outbox.markFailed(id, reason);
        this.logger.error(`mail: giving up on ${mail.category} mail ${id} after ${mail.attempts} attempt(s)`, reason);
      } else {
        const delay = Math.min(this.retryDelayMs * 2 ** (mail.attempts - 1), this.maxRetryDelayMs);
        this.outbox.markRetry(id, new Date(this.now().getTime() + delay), reason);
        this.logger.warn(`mail: ${mail.category} mail ${id} not sent (attempt ${mail.attempts}), retrying`, reason);
      }
      return;
    }
    this.outbox.markSent(id);
  }
}
