import { getSession, listMessages, mentorshipDocName, readMarker, type PairMembers } from '@mop/shared';
import type * as Y from 'yjs';
import type { ModuleContext } from '../module.ts';
import { readDoc } from '../storage/read-doc.ts';
import type { NotificationStore, ScheduledJob } from './store.ts';
import { notificationMail, recipient } from './notifier.ts';
import { digestMail, reminderMail, whenIn, type UnreadPair } from './templates.ts';

const HOUR_MS = 60 * 60 * 1000;
/** A message must have waited unread this long before a digest mentions it. */
const UNREAD_BEFORE_DIGEST_MS = 4 * HOUR_MS;
/** At most one digest per person in this time. */
const DIGEST_INTERVAL_MS = 24 * HOUR_MS;
/** A reminder later than this past its time says it is late. */
const LATE_AFTER_MS = 15 * 60 * 1000;
/** Finished jobs are kept this long (to explain what was sent), then forgotten. */
const KEEP_FINISHED_MS = 30 * 24 * HOUR_MS;

/** The oldest unread message of each of a person's pairs (by when it was written), with the counts. */
function unreadOf(ctx: ModuleContext, userId: string): { pairs: (UnreadPair & { oldest: number })[] } {
  const pairs: (UnreadPair & { oldest: number })[] = [];
  const user = ctx.store.findUserById(userId);
  if (!user) return { pairs };
  for (const m of ctx.store.listVisibleMentorships(user)) {
    if (m.status !== 'active' || (m.mentor.id !== userId && m.mentee.id !== userId)) continue;
    const otherName = m.mentor.id === userId ? m.mentee.name : m.mentor.name;
    const unread = readDoc(ctx.store, ctx.docs.liveDoc, mentorshipDocName(m.id), (doc: Y.Doc) => {
      const fromOthers = listMessages(doc).filter((message) => message.author !== userId);
      return fromOthers.slice(readMarker(doc, userId).count);
    });
    if (unread.length === 0) continue;
    const oldest = Math.min(...unread.map((message) => Date.parse(message.createdAt) || Date.now()));
    pairs.push({ otherName, count: unread.length, url: `${ctx.publicUrl}/mentoring/${m.id}/messages`, oldest });
  }
  return { pairs };
}

/**
 * The scheduler: reminders and digests are rows of `scheduled_jobs` (migration 013), so they survive a restart.
 * Each pass takes the due jobs one at a time; a job is marked finished in the same SQLite transaction that puts its
 * e-mail in the outbox, so it is sent once (the outbox then delivers it), and a second pass or a second process
 * finds it finished. Time is `ctx.now()`, so tests move the clock.
 */
export class NotificationScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly store: NotificationStore,
    private readonly pollIntervalMs = 60_000
  ) {}

  start(): void {
    this.runDue();
    this.timer = setInterval(() => this.runDue(), this.pollIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * A digest for `userId` at the earliest of: a few hours from now (so a message read meanwhile is not mentioned),
   * and a day after their last digest. One pending digest per person: a later message does not push it back.
   */
  scheduleDigest(userId: string): void {
    const key = `digest:${userId}`;
    if (this.store.pending(key)) return;
    const now = this.ctx.now();
    const last = this.store.lastDigestAt(userId);
    const due = Math.max(now.getTime() + UNREAD_BEFORE_DIGEST_MS, last ? Date.parse(last) + DIGEST_INTERVAL_MS : 0);
    this.store.schedule({ kind: 'digest', key, userId, dueAt: new Date(due).toISOString(), payload: '{}' }, now);
  }

  /** Runs every job due now; returns how many were finished (sent or dropped). Never throws. */
  runDue(): number {
    if (this.running) return 0;
    this.running = true;
    let finished = 0;
    try {
      const now = this.ctx.now();
      for (const job of this.store.due(now, 100)) {
        try {
          if (this.run(job, now)) finished += 1;
        } catch (error) {
          this.ctx.logger.error(`notifications: ${job.kind} job ${job.id} failed; it stays due`, error);
        }
      }
      this.store.pruneFinished(new Date(now.getTime() - KEEP_FINISHED_MS));
    } finally {
      this.running = false;
    }
    return finished;
  }

  private run(job: ScheduledJob, now: Date): boolean {
    return job.kind === 'reminder' ? this.remind(job, now) : this.digest(job, now);
  }

  private remind(job: ScheduledJob, now: Date): boolean {
    const { mentorshipId, sessionId, start } = JSON.parse(job.payload) as {
      mentorshipId: string;
      sessionId: string;
      start: string;
    };
    const mentorship = this.ctx.store.getMentorship(mentorshipId);
    const pair: PairMembers | null = mentorship
      ? { mentorId: mentorship.mentorId, menteeId: mentorship.menteeId }
      : null;
    const session = pair
      ? readDoc(this.ctx.store, this.ctx.docs.liveDoc, mentorshipDocName(mentorshipId), (doc) =>
          getSession(doc, pair, sessionId)
        )
      : null;
    const drop = (why: string) => this.ctx.transaction(() => this.store.finish(job.id, 'dropped', why, now));
    if (!mentorship || mentorship.status !== 'active' || !session || session.accepted?.start !== start) {
      return drop('the session is no longer at that time');
    }
    if (Date.parse(start) <= now.getTime()) {
      // Missed while the server was down: a reminder after the start would only confuse.
      this.ctx.logger.warn(`notifications: reminder for session ${sessionId} dropped: the session started at ${start}`);
      return drop('the session had already started');
    }
    const person = recipient(this.ctx, job.userId);
    if (!person) return drop('no recipient');
    const otherId = job.userId === mentorship.mentorId ? mentorship.menteeId : mentorship.mentorId;
    const url = `${this.ctx.publicUrl}/mentoring/${mentorshipId}/sessions`;
    const late = now.getTime() - Date.parse(job.dueAt) > LATE_AFTER_MS;
    return this.ctx.transaction(() => {
      if (!this.store.finish(job.id, 'done', late ? 'sent late' : 'sent', now)) return false;
      this.ctx.notify.notify({
        userId: job.userId,
        category: 'reminders',
        template: reminderMail,
        params: {
          name: person.name,
          otherName: recipient(this.ctx, otherId)?.name ?? '',
          when: whenIn(start, person.timeZone),
          url,
          late
        },
        url
      });
      return true;
    });
  }

  private digest(job: ScheduledJob, now: Date): boolean {
    const person = recipient(this.ctx, job.userId);
    if (!person) return this.ctx.transaction(() => this.store.finish(job.id, 'dropped', 'no recipient', now));
    const messagesWanted = this.store.preferences(job.userId).messages === 'digest';
    const unread = messagesWanted ? unreadOf(this.ctx, job.userId).pairs : [];
    const items = this.store.digestItems(job.userId);
    const ripe = unread.filter((pair) => now.getTime() - pair.oldest >= UNREAD_BEFORE_DIGEST_MS);
    return this.ctx.transaction(() => {
      if (ripe.length === 0 && items.length === 0) {
        if (!this.store.finish(job.id, 'dropped', 'nothing unread for long enough', now)) return false;
        // Messages still too fresh: look again once the oldest has waited long enough.
        const fresh = unread.map((pair) => pair.oldest);
        if (fresh.length > 0) {
          const due = Math.max(Math.min(...fresh) + UNREAD_BEFORE_DIGEST_MS, now.getTime() + 60_000);
          this.store.schedule(
            { kind: 'digest', key: job.key, userId: job.userId, dueAt: new Date(due).toISOString(), payload: '{}' },
            now
          );
        }
        return true;
      }
      if (!this.store.finish(job.id, 'done', `sent: ${ripe.length} pair(s), ${items.length} notice(s)`, now))
        return false;
      const url = `${this.ctx.publicUrl}/`;
      this.ctx.mail.enqueue(
        notificationMail(
          this.ctx,
          this.store,
          {
            userId: job.userId,
            category: 'messages',
            template: digestMail,
            params: {
              name: person.name,
              unread: ripe.map(({ otherName, count, url: pairUrl }) => ({ otherName, count, url: pairUrl })),
              lines: items.map((item) => ({ label: item.line, url: item.url })),
              url
            },
            url
          },
          person
        )
      );
      this.store.clearDigestItems(job.userId);
      this.store.setLastDigestAt(job.userId, now);
      return true;
    });
  }
}
