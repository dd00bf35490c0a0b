import * as Y from 'yjs';
import {
  DEFAULT_REMINDER_HOURS,
  listSessions,
  parseDocName,
  unreadCount,
  type PairMembers,
  type SessionView
} from '@mop/shared';
import type { ModuleContext, StoredDocumentEvent } from '../module.ts';
import { buildCalendar } from '../workspace/ics.ts';
import type { NotificationStore } from './store.ts';
import { recipient } from './notifier.ts';
import { reminderInstant } from './reminders.ts';
import { sessionMail, whenIn, type SessionChangeKind } from './templates.ts';

/** A change older than this, seen for the first time (a document from before notifications existed), is not announced. */
const ANNOUNCE_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

/** The key prefix of a session's reminders, one per member. */
const reminderKey = (mentorshipId: string, sessionId: string, userId = ''): string =>
  `reminder:${mentorshipId}:${sessionId}:${userId}`;

/** The start of the last time this session was accepted, if it ever was. */
function lastAccepted(session: SessionView): { start: string; end: string } | null {
  if (session.accepted) return session.accepted;
  const accept = [...session.history].reverse().find((event) => event.type === 'accept');
  if (!accept || accept.type !== 'accept') return null;
  const end = new Date(Date.parse(accept.slot) + session.offer.durationMinutes * 60_000).toISOString();
  return { start: accept.slot, end };
}

/** What the last applied event of a session means for the other member. */
function changeKind(session: SessionView): SessionChangeKind {
  const last = session.history.at(-1);
  const acceptedBefore = session.history.slice(0, -1).some((event) => event.type === 'accept');
  switch (last?.type) {
    case 'accept':
      return acceptedBefore ? 'moved' : 'accepted';
    case 'counter':
      return 'counter';
    case 'reschedule':
      return acceptedBefore ? 'move-requested' : 'counter';
    case 'decline':
      return 'declined';
    case 'cancel':
      return 'cancelled';
    default:
      return 'proposed';
  }
}

/**
 * The session's calendar entry as an `.ics` attachment: `METHOD:REQUEST` while it stands, `METHOD:CANCEL` once
 * cancelled. The UID is the one of the download and the feed (`session-<id>@mop`) and SEQUENCE counts the session's
 * applied events, so each update replaces the entry a calendar already holds.
 */
function calendarAttachment(session: SessionView, mentorshipId: string, withName: string, now: Date) {
  const accepted = lastAccepted(session);
  if (!accepted) return null;
  const cancelled = session.status === 'cancelled';
  // The pair's own words (title, agenda) stay in the app: the entry says who and when, and where to meet.
  const offer = { ...session.offer, title: '', agenda: '' };
  const entry = { session: { ...session, offer, accepted }, mentorshipId, withName };
  const calendar = buildCalendar('Mentoring session', [entry], now, {
    method: cancelled ? 'cancel' : 'request'
  });
  return {
    filename: cancelled ? 'cancelled-session.ics' : 'session.ics',
    content: calendar.toString(),
    contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'REQUEST'}`
  };
}

/**
 * Watches pair documents after the server stored an update: a session whose event log moved on since it was last
 * announced is announced once to the member who did not make the change (with the calendar file when its time is set
 * or cancelled), its reminders are (re)scheduled or dropped, and a member with unread messages gets a digest
 * scheduled. What was announced is kept in SQLite, so a restart announces nothing twice.
 */
export function observePairDocument(
  ctx: ModuleContext,
  store: NotificationStore,
  event: StoredDocumentEvent,
  scheduleDigest: (userId: string) => void
): void {
  const parsed = parseDocName(event.docName);
  if (parsed?.kind !== 'mentorship') return;
  const mentorship = ctx.store.getMentorship(parsed.id);
  if (!mentorship || mentorship.status !== 'active') return;
  const pair: PairMembers = { mentorId: mentorship.mentorId, menteeId: mentorship.menteeId };
  const now = ctx.now();
  for (const session of listSessions(event.doc, pair)) {
    const seen = store.sessionHead(mentorship.id, session.id);
    if (seen === session.head) continue;
    ctx.transaction(() => {
      store.setSessionHead(mentorship.id, session.id, session.head);
      if (seen === null && now.getTime() - Date.parse(session.lastChangeAt) > ANNOUNCE_WITHIN_MS) return;
      announce(ctx, store, mentorship.id, pair, session, now);
    });
  }
  for (const userId of [pair.mentorId, pair.menteeId]) {
    if (unreadCount(event.doc as Y.Doc, userId) > 0) scheduleDigest(userId);
  }
}

function announce(
  ctx: ModuleContext,
  store: NotificationStore,
  mentorshipId: string,
  pair: PairMembers,
  session: SessionView,
  now: Date
): void {
  const kind = changeKind(session);
  const actor = session.lastChangeBy;
  const otherId = actor === pair.mentorId ? pair.menteeId : pair.mentorId;
  const other = recipient(ctx, otherId);
  const actorName = recipient(ctx, actor)?.name ?? '';
  const url = `${ctx.publicUrl}/mentoring/${mentorshipId}/sessions`;
  const start =
    session.accepted?.start ?? lastAccepted(session)?.start ?? [...session.offer.slots].sort()[0] ?? now.toISOString();

  if (kind === 'accepted' || kind === 'moved') {
    scheduleReminders(ctx, store, mentorshipId, pair, session, now);
  } else {
    store.dropPending(reminderKey(mentorshipId, session.id), now, `session ${session.status}`);
  }
  if (!other) return;
  const attachment =
    kind === 'accepted' || kind === 'moved' || kind === 'cancelled'
      ? calendarAttachment(session, mentorshipId, actorName, now)
      : null;
  ctx.notify.notify({
    userId: otherId,
    category: 'sessions',
    template: sessionMail,
    params: { name: other.name, otherName: actorName, kind, when: whenIn(start, other.timeZone), url },
    url,
    ...(attachment ? { attachments: [attachment] } : {})
  });
}

/** One reminder per member, at the same local time the day before (in each member's own zone). */
function scheduleReminders(
  ctx: ModuleContext,
  store: NotificationStore,
  mentorshipId: string,
  pair: PairMembers,
  session: SessionView,
  now: Date
): void {
  const start = session.accepted?.start;
  if (!start) return;
  for (const userId of [pair.mentorId, pair.menteeId]) {
    const person = recipient(ctx, userId);
    if (!person) continue;
    const due = reminderInstant(start, person.timeZone, DEFAULT_REMINDER_HOURS);
    const key = reminderKey(mentorshipId, session.id, userId);
    if (due.getTime() <= now.getTime()) {
      // Accepted less than a day ahead: the confirmation itself is the reminder.
      store.dropPending(key, now, 'accepted less than a day before');
      continue;
    }
    store.schedule(
      {
        kind: 'reminder',
        key,
        userId,
        dueAt: due.toISOString(),
        payload: JSON.stringify({ mentorshipId, sessionId: session.id, start })
      },
      now
    );
  }
}
