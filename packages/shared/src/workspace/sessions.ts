import * as v from 'valibot';
import * as Y from 'yjs';
import { describeIssues } from '../api.ts';
import {
  WORKSPACE_KEYS,
  WorkspaceError,
  newRecord,
  newRecordId,
  recordOf,
  str,
  strOrNull,
  type RecordMap
} from './shape.ts';
import {
  MAX_REASON,
  SessionOfferSchema,
  checkSessionEvent,
  resolveSession,
  type PairMembers,
  type SessionChange,
  type SessionEvent,
  type SessionOffer,
  type SessionOfferInput,
  type SessionState
} from './session-rules.ts';

/** A session as the UI shows it: its record and the state its event log resolves to. */
export interface SessionView extends SessionState {
  id: string;
  createdBy: string;
  createdAt: string;
  /** The session note (`notes` map) written for this session, if linked. */
  noteId: string | null;
}

/** The `sessions` map of a mentorship document. */
export function sessionsMap(doc: Y.Doc): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(WORKSPACE_KEYS.sessions);
}

function eventsOf(map: RecordMap): Y.Array<unknown> | null {
  const events = map.get('events');
  return events instanceof Y.Array ? events : null;
}

function viewOf(map: RecordMap, pair: PairMembers): SessionView | null {
  const events = eventsOf(map);
  const id = map.get('id');
  if (!events || typeof id !== 'string') return null;
  const state = resolveSession(events.toArray(), pair);
  if (!state) return null;
  return {
    ...state,
    id,
    createdBy: str(map, 'createdBy'),
    createdAt: str(map, 'createdAt'),
    noteId: strOrNull(map, 'noteId')
  };
}

/** One session, or null when unknown or unreadable. */
export function getSession(doc: Y.Doc, pair: PairMembers, sessionId: string): SessionView | null {
  const map = sessionsMap(doc).get(sessionId);
  return map instanceof Y.Map ? viewOf(map, pair) : null;
}

/** An offer's slots from the earliest to the latest, whatever order they were entered in. */
export function slotsInTimeOrder(slots: readonly string[]): string[] {
  return [...slots].sort((a, b) => Date.parse(a) - Date.parse(b));
}

/** When a session happens (accepted) or would first happen (its earliest offered slot). */
export function sessionStart(session: SessionView): string {
  return session.accepted?.start ?? slotsInTimeOrder(session.offer.slots)[0] ?? session.createdAt;
}

/** Whether a session took place: accepted and over by `now`. */
export function isSessionHeld(session: SessionView, now = new Date()): boolean {
  return (
    session.status === 'accepted' && session.accepted !== null && Date.parse(session.accepted.end) <= now.getTime()
  );
}

/** Every readable session, soonest first by `sessionStart`. */
export function listSessions(doc: Y.Doc, pair: PairMembers): SessionView[] {
  const sessions: SessionView[] = [];
  sessionsMap(doc).forEach((map) => {
    const view = map instanceof Y.Map ? viewOf(map, pair) : null;
    if (view) sessions.push(view);
  });
  return sessions.sort((a, b) => sessionStart(a).localeCompare(sessionStart(b)) || a.id.localeCompare(b.id));
}

/**
 * Sessions still ahead at `now`: accepted ones not yet ended, and open offers with a slot still in the future.
 * Past: held sessions, newest first (each may link to its note).
 */
export function agenda(
  doc: Y.Doc,
  pair: PairMembers,
  now = new Date()
): { upcoming: SessionView[]; past: SessionView[] } {
  const all = listSessions(doc, pair);
  const t = now.getTime();
  const upcoming = all.filter((s) =>
    s.status === 'accepted'
      ? Date.parse(s.accepted?.end ?? '') > t
      : s.awaiting !== null && s.offer.slots.some((slot) => Date.parse(slot) > t)
  );
  const past = all.filter((s) => isSessionHeld(s, now)).reverse();
  return { upcoming, past };
}

function parseOffer(offer: SessionOfferInput): SessionOffer {
  const parsed = v.safeParse(SessionOfferSchema, offer);
  if (!parsed.success) throw new WorkspaceError('invalid_input', describeIssues(parsed.issues));
  return parsed.output;
}

function checkReason(reason: string, required: boolean): string {
  const trimmed = reason.trim();
  if (required && trimmed === '') throw new WorkspaceError('invalid_input', 'reason is required');
  if (trimmed.length > MAX_REASON)
    throw new WorkspaceError('invalid_input', `reason is at most ${MAX_REASON} characters`);
  return trimmed;
}

/**
 * Proposes a session: either member offers one to five slots. Returns the new session's id. Works offline: the
 * proposal is a local Yjs change, delivered when the device reconnects.
 */
export function proposeSession(
  doc: Y.Doc,
  pair: PairMembers,
  by: string,
  offer: SessionOfferInput,
  now = new Date()
): string {
  if (by !== pair.mentorId && by !== pair.menteeId)
    throw new WorkspaceError('forbidden', 'Only the mentor and the mentee can propose sessions');
  const parsed = parseOffer(offer);
  const id = newRecordId();
  const at = now.toISOString();
  const event: SessionEvent = { id: newRecordId(), type: 'propose', by, at, basedOn: null, offer: parsed };
  doc.transact(() => {
    const events = new Y.Array<unknown>();
    events.push([event]);
    sessionsMap(doc).set(id, newRecord({ id, createdBy: by, createdAt: at, noteId: null, events }));
  });
  return id;
}

/** Appends a change after checking it against the session's current state; throws `WorkspaceError` when refused. */
function change(doc: Y.Doc, pair: PairMembers, sessionId: string, changeEvent: SessionChange, now: Date): SessionView {
  const map = recordOf(sessionsMap(doc), sessionId, 'session');
  const view = viewOf(map, pair);
  const events = eventsOf(map);
  if (!view || !events) throw new WorkspaceError('not_found', `Session ${sessionId} cannot be read`);
  const refusal = checkSessionEvent(view, changeEvent, pair);
  if (refusal)
    throw new WorkspaceError(
      changeEvent.by === pair.mentorId || changeEvent.by === pair.menteeId ? 'invalid_state' : 'forbidden',
      refusal
    );
  const event = { ...changeEvent, id: newRecordId(), at: now.toISOString(), basedOn: view.head } as SessionEvent;
  events.push([event]);
  const next = viewOf(map, pair);
  if (!next) throw new WorkspaceError('not_found', `Session ${sessionId} cannot be read`);
  return next;
}

/** The member an offer waits for accepts one of its slots (`slot`: the start instant, as offered). */
export function acceptSession(
  doc: Y.Doc,
  pair: PairMembers,
  sessionId: string,
  by: string,
  slot: string,
  now = new Date()
): SessionView {
  const normalised = Number.isNaN(Date.parse(slot)) ? slot : new Date(slot).toISOString();
  return change(doc, pair, sessionId, { type: 'accept', by, slot: normalised }, now);
}

/** The member an offer waits for declines it (final). */
export function declineSession(
  doc: Y.Doc,
  pair: PairMembers,
  sessionId: string,
  by: string,
  reason = '',
  now = new Date()
): SessionView {
  return change(doc, pair, sessionId, { type: 'decline', by, reason: checkReason(reason, false) }, now);
}

/** The member an offer waits for answers with other slots (and maybe another place or agenda). */
export function counterProposeSession(
  doc: Y.Doc,
  pair: PairMembers,
  sessionId: string,
  by: string,
  offer: SessionOfferInput,
  reason = '',
  now = new Date()
): SessionView {
  return change(
    doc,
    pair,
    sessionId,
    { type: 'counter', by, offer: parseOffer(offer), reason: checkReason(reason, false) },
    now
  );
}

/** Either member moves an accepted session (or the offer's author changes a pending offer); the other answers again. */
export function rescheduleSession(
  doc: Y.Doc,
  pair: PairMembers,
  sessionId: string,
  by: string,
  offer: SessionOfferInput,
  reason: string,
  now = new Date()
): SessionView {
  return change(
    doc,
    pair,
    sessionId,
    { type: 'reschedule', by, offer: parseOffer(offer), reason: checkReason(reason, true) },
    now
  );
}

/** Either member cancels a session that is not final yet, with a reason. */
export function cancelSession(
  doc: Y.Doc,
  pair: PairMembers,
  sessionId: string,
  by: string,
  reason: string,
  now = new Date()
): SessionView {
  return change(doc, pair, sessionId, { type: 'cancel', by, reason: checkReason(reason, true) }, now);
}

/** Links a session to the session note written for it (or unlinks it with null). */
export function linkSessionNote(doc: Y.Doc, sessionId: string, noteId: string | null): void {
  recordOf(sessionsMap(doc), sessionId, 'session').set('noteId', noteId);
}
