import type * as Y from 'yjs';
import { listNotes } from '../notes-doc.ts';
import { byNewest, type PairSummary } from '../mentorship-list-api.ts';
import { listMessages, readMarker, unreadCount } from './messages.ts';
import { listPins } from './pins.ts';
import { agenda, listSessions } from './sessions.ts';
import { summariseProgress } from './progress.ts';
import type { PairMembers, SessionEventType } from './session-rules.ts';

/** One thing in a pair's document that is news to one member (what the other member did). */
export interface PairNewsEvent {
  /** Stable across reloads and devices: the kind and the record's own id. */
  id: string;
  kind: 'message' | 'session' | 'pin';
  /** ISO instant it happened (the other member's clock). */
  at: string;
  /** For sessions: which change the other member made. */
  sessionEvent: SessionEventType | null;
  /** The message's Markdown, the session's or the pin's title. */
  text: string;
  /** For messages: not read yet in the conversation by `userId`. */
  unread: boolean;
}

/** The other member's messages, session changes and pins in a pair's document: the notifications it holds for `userId`. */
export function pairNews(doc: Y.Doc, pair: PairMembers, userId: string): PairNewsEvent[] {
  const events: PairNewsEvent[] = [];
  const fromOther = listMessages(doc).filter((message) => message.author !== userId);
  const readCount = readMarker(doc, userId).count;
  fromOther.forEach((message, index) => {
    events.push({
      id: `message:${message.id}`,
      kind: 'message',
      at: message.createdAt,
      sessionEvent: null,
      text: message.text,
      unread: index >= readCount
    });
  });
  for (const session of listSessions(doc, pair)) {
    for (const event of session.history) {
      if (event.by === userId) continue;
      events.push({
        id: `session:${event.id}`,
        kind: 'session',
        at: event.at,
        sessionEvent: event.type,
        text: 'offer' in event ? event.offer.title : session.offer.title,
        unread: false
      });
    }
  }
  for (const pin of listPins(doc)) {
    if (pin.pinnedBy === userId) continue;
    events.push({
      id: `pin:${pin.id}`,
      kind: 'pin',
      at: pin.pinnedAt,
      sessionEvent: null,
      text: pin.title,
      unread: false
    });
  }
  return events;
}

/** How many of a pair's news a summary keeps: the notification list shows at most this many items. */
export const MAX_SUMMARY_NEWS = 100;

/**
 * What one member's home card and notification count need of a pair (`PairSummarySchema`), read from the pair's
 * document with the same functions the workspace reads it with. The server computes it for the mentorship list; the
 * app recomputes it whenever the document is open on the device.
 */
export function summarisePair(doc: Y.Doc, pair: PairMembers, userId: string, now = new Date()): PairSummary {
  const progress = summariseProgress(doc, pair, now);
  const latestNotes = listNotes(doc)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, 3)
    .map(({ id, title, updatedAt }) => ({ id, title, updatedAt }));
  return {
    computedAt: now.toISOString(),
    upcoming: agenda(doc, pair, now)
      .upcoming.slice(0, 3)
      .map((session) => ({
        title: session.offer.title,
        accepted: session.status === 'accepted' ? session.accepted : null,
        slots: session.offer.slots,
        videoUrl: session.offer.videoUrl,
        place: session.offer.place
      })),
    unread: unreadCount(doc, userId),
    progress: {
      phaseId: progress.phase.id,
      phaseTitle: progress.phase.title,
      stepsDone: progress.stepsDone,
      stepsTotal: progress.stepsTotal,
      goalsDone: progress.goalsByStatus.done,
      goalsTotal: progress.goalsTotal
    },
    latestNotes,
    news: pairNews(doc, pair, userId)
      .sort(byNewest)
      .slice(0, MAX_SUMMARY_NEWS)
      .map(({ id, kind, at, unread }) => ({ id, kind, at, unread }))
  };
}
