import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { SessionView } from '@mop/shared';

/** Minutes before a session that calendars remind of it (VALARM). */
const REMINDER_MINUTES = 30;

/** A scheduled session with what the calendar entry shows. */
export interface CalendarSession {
  session: SessionView;
  mentorshipId: string;
  /** The other member's name, for the summary. */
  withName: string;
}

/** The stable UID of a session's calendar entry: the same in the one-off `.ics` and the feed, so they merge. */
function sessionUid(session: SessionView): string {
  return `session-${session.id}@mop`;
}

/**
 * Builds a calendar (ical-generator) from scheduled sessions. Times are written in UTC, so no VTIMEZONE is needed
 * and every client shows them in its own zone, correct across DST changes; the proposer's zone is kept in the
 * description. Cancelled sessions stay in with `STATUS:CANCELLED`, so a subscribed calendar removes them.
 */
export function buildCalendar(
  name: string,
  sessions: CalendarSession[],
  now = new Date(),
  options: { method?: 'request' | 'cancel' } = {}
): ICalCalendar {
  const calendar = ical({
    name,
    // An e-mailed entry (iTIP, RFC 5546): REQUEST adds or updates it in the recipient's calendar, CANCEL removes it.
    ...(options.method
      ? { method: options.method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST }
      : {}),
    prodId: { company: 'MOP', product: 'Mentoring Online Platform', language: 'EN' },
    ttl: 60 * 60
  });
  for (const { session, withName } of sessions) {
    if (!session.accepted) continue;
    const { offer } = session;
    const description = [
      offer.agenda,
      offer.videoUrl ? `Video call: ${offer.videoUrl}` : '',
      `Proposed in ${offer.timeZone}.`
    ]
      .filter((line) => line !== '')
      .join('\n\n');
    const event = calendar.createEvent({
      id: sessionUid(session),
      start: new Date(session.accepted.start),
      end: new Date(session.accepted.end),
      stamp: now,
      sequence: session.history.length - 1,
      summary: offer.title || `Mentoring session with ${withName}`,
      description,
      location: offer.place || offer.videoUrl || null,
      url: offer.videoUrl || null,
      status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
    });
    if (session.status !== 'cancelled') {
      event.createAlarm({
        type: ICalAlarmType.display,
        trigger: REMINDER_MINUTES * 60,
        description: 'Mentoring session soon'
      });
    }
  }
  return calendar;
}
