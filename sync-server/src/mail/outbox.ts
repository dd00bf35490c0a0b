import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { OutboxMessage, OutboxStatus, OutboxSummary } from '@mop/shared';
import type { Mailer, OutgoingMail } from '../module.ts';

/** A message as the worker hands it to the transport. */
export interface QueuedMail extends OutgoingMail {
  id: string;
  attempts: number;
}

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  category: string;
  headers: string;
  attachments: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

const toSummary = (row: OutboxRow): OutboxSummary => ({
  id: row.id,
  to: row.recipient,
  subject: row.subject,
  category: row.category,
  status: row.status,
  attempts: row.attempts,
  createdAt: row.created_at,
  sentAt: row.sent_at,
  nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
  lastError: row.last_error
});

/** The http(s) links of a plain-text body, in order, without repeats. */
function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];
}

/**
 * The durable outbox in SQLite. `enqueue` is one INSERT, so it joins whatever transaction the caller is in: the
 * action and its mail commit together or not at all. The worker claims a message (status `sending`) before it talks
 * to SMTP and records the outcome after; a message found `sending` at start-up was interrupted by a crash and is
 * sent again (at least once), while one recorded `sent` never is (not twice where the server can tell).
 */
export class SqliteOutbox implements Mailer {
  private readonly statements;
  /** Told after each enqueue, so the worker need not wait for its next poll. */
  onEnqueued: () => void = () => {};

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date()
  ) {
    this.statements = {
      insert: db.prepare(`INSERT INTO outbox (id, recipient, subject, text_body, html_body, category, headers,
        attachments, status, attempts, next_attempt_at, created_at)
        VALUES (@id, @recipient, @subject, @text, @html, @category, @headers, @attachments, 'pending', 0, @now, @now)`),
      due: db.prepare(
        "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?"
      ),
      claim: db.prepare(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'"
      ),
      sent: db.prepare("UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?"),
      retry: db.prepare("UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?"),
      failed: db.prepare("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?"),
      interrupted: db.prepare(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = 'interrupted while sending (server stopped); sent again' WHERE status = 'sending'"
      ),
      again: db.prepare(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?, attempts = 0 WHERE id = ? AND status = 'failed'"
      ),
      list: db.prepare('SELECT * FROM outbox ORDER BY created_at DESC, id LIMIT ?'),
      listByStatus: db.prepare('SELECT * FROM outbox WHERE status = ? ORDER BY created_at DESC, id LIMIT ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM outbox'),
      countByStatus: db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE status = ?'),
      byId: db.prepare('SELECT * FROM outbox WHERE id = ?')
    };
  }

  /** Queues a mail (in the caller's transaction, if any) and returns its id. */
  enqueue(mail: OutgoingMail): string {
    const id = randomUUID();
    this.statements.insert.run({
      id,
      recipient: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      category: mail.category,
      headers: JSON.stringify(mail.headers ?? {}),
      attachments: JSON.stringify(mail.attachments ?? []),
      now: this.now().toISOString()
    });
    // After the caller's transaction: the worker runs on a later tick, when better-sqlite3 has committed.
    setImmediate(() => this.onEnqueued());
    return id;
  }

  /** Messages due for a (re)try, oldest first. */
  due(limit: number): OutboxRow[] {
    return this.statements.due.all(this.now().toISOString(), limit) as OutboxRow[];
  }

  /** Marks a pending message as being sent; false when another worker took it first. */
  claim(id: string): QueuedMail | null {
    return this.db.transaction(() => {
      if (this.statements.claim.run(id).changes !== 1) return null;
      const row = this.statements.byId.get(id) as OutboxRow;
      return {
        id: row.id,
        attempts: row.attempts,
        to: row.recipient,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body !== null ? { html: row.html_body } : {}),
        category: row.category,
        headers: JSON.parse(row.headers) as Record<string, string>,
        attachments: JSON.parse(row.attachments) as OutgoingMail['attachments']
      };
    })();
  }

  markSent(id: string): void {
    this.statements.sent.run(this.now().toISOString(), id);
  }

  markRetry(id: string, nextAttemptAt: Date, error: string): void {
    this.statements.retry.run(nextAttemptAt.toISOString(), error, id);
  }

  markFailed(id: string, error: string): void {
    this.statements.failed.run(error, id);
  }

  /** Puts messages left `sending` by a stopped server back in the queue; returns how many. */
  recoverInterrupted(): number {
    return this.statements.interrupted.run(this.now().toISOString()).changes;
  }

  /** Queues a failed message again with a fresh count of attempts; false unless it had failed. */
  retryFailed(id: string): boolean {
    return this.statements.again.run(this.now().toISOString(), id).changes === 1;
  }

  list(options: { status?: OutboxStatus; limit?: number } = {}): { messages: OutboxSummary[]; total: number } {
    const limit = options.limit ?? 200;
    const rows = (
      options.status ? this.statements.listByStatus.all(options.status, limit) : this.statements.list.all(limit)
    ) as OutboxRow[];
    const { n } = (
      options.status ? this.statements.countByStatus.get(options.status) : this.statements.count.get()
    ) as { n: number };
    return { messages: rows.map(toSummary), total: n };
  }

  get(id: string): OutboxMessage | null {
    const row = this.statements.byId.get(id) as OutboxRow | undefined;
    if (!row) return null;
    return { ...toSummary(row), text: row.text_body, links: linksIn(row.text_body) };
  }
}
