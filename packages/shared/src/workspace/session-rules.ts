import * as v from 'valibot';
import { isValidTimeZone } from '../profile-doc.ts';

/**
 * The scheduling rules of a pair's sessions, as a pure fold over the session's append-only event log.
 *
 * States: `proposed`, `counter-proposed` and `rescheduled` are "offering" states (an offer of one or more slots
 * waits for the other member); `accepted` holds one slot; `declined` and `cancelled` are final.
 *
 * | event        | who                                                     | allowed in                     | result            |
 * |--------------|---------------------------------------------------------|--------------------------------|-------------------|
 * | `propose`    | either member (the first event of a session)            | —                              | proposed          |
 * | `accept`     | the member the offer waits for, one of the offered slots | offering                       | accepted          |
 * | `decline`    | the member the offer waits for                          | offering                       | declined (final)  |
 * | `counter`    | the member the offer waits for, with new slots          | offering                       | counter-proposed  |
 * | `reschedule` | either member once accepted; the offer's author before  | accepted, offering             | rescheduled       |
 * | `cancel`     | either member, with a reason                            | offering, accepted             | cancelled (final) |
 *
 * Offline changes. Every event names the event it was based on (`basedOn`, the `head` the author saw). Events are
 * folded from the proposal along that chain; when several events are based on the same head (two devices changed
 * the session without seeing each other's change), exactly one wins, by priority
 * `cancel > reschedule > counter > decline > accept` (ties: the one first in the log, whose order Yjs makes
 * identical everywhere). "The more cautious change wins": an acceptance made offline never overrides a
 * cancellation or a new time made meanwhile; it is listed in `superseded` so the UI can say "your acceptance
 * arrived after Marta moved the session: accept the new time?". Events based on a change that lost are superseded
 * too, except a cancellation, which is applied at the end if the session is still open: a cancellation is never
 * lost. The result depends only on the set of events, not on the order in which devices synced.
 */
export const SESSION_STATUSES = [
  'proposed',
  'accepted',
  'declined',
  'counter-proposed',
  'rescheduled',
  'cancelled'
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const OFFERING_STATUSES: readonly SessionStatus[] = ['proposed', 'counter-proposed', 'rescheduled'];
export const FINAL_STATUSES: readonly SessionStatus[] = ['declined', 'cancelled'];

export const MAX_SLOTS = 5;
export const MAX_AGENDA = 4000;
export const MAX_REASON = 1000;

const Instant = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, 'must be a UTC instant (ISO 8601 ending in Z)'),
  v.check((value) => !Number.isNaN(Date.parse(value)), 'must be a real date and time'),
  v.transform((value) => new Date(value).toISOString())
);

const HttpUrl = v.pipe(
  v.string(),
  v.maxLength(500),
  v.check((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), 'must be an http(s) link')
);

/** What a proposal (or a counter-proposal, or a reschedule) offers. Slots are start instants in UTC. */
export const SessionOfferSchema = v.object({
  title: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), ''),
  slots: v.pipe(
    v.array(Instant),
    v.minLength(1, 'slots: offer at least one slot'),
    v.maxLength(MAX_SLOTS, `slots: offer at most ${MAX_SLOTS} slots`),
    v.check((slots) => new Set(slots).size === slots.length, 'slots: the same slot is offered twice')
  ),
  durationMinutes: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(15, 'durationMinutes: at least 15'),
    v.maxValue(480, 'durationMinutes: at most 480')
  ),
  /** The proposer's IANA zone: how the times were entered, and the zone calendars show them in. */
  timeZone: v.pipe(v.string(), v.check(isValidTimeZone, 'timeZone must be an IANA time zone')),
  place: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300)), ''),
  videoUrl: v.optional(HttpUrl, ''),
  agenda: v.optional(v.pipe(v.string(), v.maxLength(MAX_AGENDA)), '')
});
export type SessionOffer = v.InferOutput<typeof SessionOfferSchema>;
export type SessionOfferInput = v.InferInput<typeof SessionOfferSchema>;

const Base = {
  id: v.string(),
  by: v.string(),
  at: v.string()
};
const Reason = v.pipe(v.string(), v.maxLength(MAX_REASON));

/** One entry of a session's event log (plain JSON in a Y.Array). */
export const SessionEventSchema = v.variant('type', [
  v.object({ ...Base, type: v.literal('propose'), basedOn: v.null(), offer: SessionOfferSchema }),
  v.object({ ...Base, type: v.literal('accept'), basedOn: v.string(), slot: Instant }),
  v.object({ ...Base, type: v.literal('decline'), basedOn: v.string(), reason: Reason }),
  v.object({ ...Base, type: v.literal('counter'), basedOn: v.string(), offer: SessionOfferSchema, reason: Reason }),
  v.object({ ...Base, type: v.literal('reschedule'), basedOn: v.string(), offer: SessionOfferSchema, reason: Reason }),
  v.object({ ...Base, type: v.literal('cancel'), basedOn: v.string(), reason: Reason })
]);
export type SessionEvent = v.InferOutput<typeof SessionEventSchema>;
export type SessionEventType = SessionEvent['type'];

/** A session event before the log gives it an id, a time and a base. */
export type SessionChange = SessionEvent extends infer E
  ? E extends SessionEvent
    ? Omit<E, 'id' | 'at' | 'basedOn'>
    : never
  : never;

/** The two members of a pair: only they can act on its sessions. */
export interface PairMembers {
  mentorId: string;
  menteeId: string;
}

/** Why an event of the log was not applied. */
export interface SupersededEvent {
  event: SessionEvent;
  /** `concurrent`: another change made at the same time won; `not-allowed`: the rules above refuse it. */
  why: 'concurrent' | 'not-allowed';
}

/** A session as its event log resolves. */
export interface SessionState {
  status: SessionStatus;
  /** The offer in force (the latest applied propose/counter/reschedule). */
  offer: SessionOffer;
  offeredBy: string;
  /** The member an offer waits for (null unless offering). */
  awaiting: string | null;
  /** Start and end instants once accepted. */
  accepted: { start: string; end: string } | null;
  /** The reason given with the last decline, counter, reschedule or cancel. */
  reason: string | null;
  /** The id of the last applied event: pass it as `basedOn` of the next change. */
  head: string;
  lastChangeBy: string;
  lastChangeAt: string;
  /** Applied events, oldest first. */
  history: SessionEvent[];
  superseded: SupersededEvent[];
}

const PRIORITY: Record<SessionEventType, number> = {
  propose: 0,
  accept: 1,
  decline: 2,
  counter: 3,
  reschedule: 4,
  cancel: 5
};

const otherMember = (pair: PairMembers, userId: string): string =>
  userId === pair.mentorId ? pair.menteeId : pair.mentorId;
const isMember = (pair: PairMembers, userId: string): boolean => userId === pair.mentorId || userId === pair.menteeId;

/** Whether `event` may be applied to `state` (ignoring `basedOn`); the reason when not. */
export function checkSessionEvent(state: SessionState, event: SessionChange, pair: PairMembers): string | null {
  if (!isMember(pair, event.by)) return 'Only the mentor and the mentee of the pair can change its sessions';
  const offering = OFFERING_STATUSES.includes(state.status);
  switch (event.type) {
    case 'propose':
      return 'A session is proposed once; propose a new session instead';
    case 'accept':
      if (!offering) return `A ${state.status} session cannot be accepted`;
      if (event.by === state.offeredBy) return 'The other member answers an offer';
      if (!state.offer.slots.includes(event.slot)) return 'That slot is not offered';
      return null;
    case 'decline':
    case 'counter':
      if (!offering)
        return `A ${state.status} session cannot be ${event.type === 'decline' ? 'declined' : 'counter-proposed'}`;
      if (event.by === state.offeredBy) return 'The other member answers an offer';
      return null;
    case 'reschedule':
      if (state.status === 'accepted') return null;
      if (offering && event.by === state.offeredBy) return null;
      if (offering) return 'Answer the offer with a counter-proposal instead';
      return `A ${state.status} session cannot be rescheduled`;
    case 'cancel':
      if (FINAL_STATUSES.includes(state.status)) return `The session is already ${state.status}`;
      if (event.reason.trim() === '') return 'Give a reason for cancelling';
      return null;
  }
}

function endOf(start: string, durationMinutes: number): string {
  return new Date(Date.parse(start) + durationMinutes * 60_000).toISOString();
}

function apply(state: SessionState, event: SessionEvent, pair: PairMembers): SessionState {
  const next: SessionState = {
    ...state,
    head: event.id,
    lastChangeBy: event.by,
    lastChangeAt: event.at,
    history: [...state.history, event]
  };
  switch (event.type) {
    case 'propose':
      return next;
    case 'accept':
      return {
        ...next,
        status: 'accepted',
        awaiting: null,
        accepted: { start: event.slot, end: endOf(event.slot, state.offer.durationMinutes) }
      };
    case 'decline':
      return { ...next, status: 'declined', awaiting: null, reason: event.reason };
    case 'counter':
    case 'reschedule':
      return {
        ...next,
        status: event.type === 'counter' ? 'counter-proposed' : 'rescheduled',
        offer: event.offer,
        offeredBy: event.by,
        awaiting: otherMember(pair, event.by),
        accepted: null,
        reason: event.reason
      };
    case 'cancel':
      return { ...next, status: 'cancelled', awaiting: null, reason: event.reason };
  }
}

/**
 * Resolves a session's event log into its state (see the rules above). Returns null when the log has no valid
 * proposal from a member. Events that do not validate are skipped silently: they can only come from a broken client.
 */
export function resolveSession(rawEvents: readonly unknown[], pair: PairMembers): SessionState | null {
  const events: SessionEvent[] = [];
  for (const raw of rawEvents) {
    const parsed = v.safeParse(SessionEventSchema, raw);
    if (parsed.success) events.push(parsed.output);
  }
  const proposal = events.find((event) => event.type === 'propose' && isMember(pair, event.by));
  if (!proposal || proposal.type !== 'propose') return null;
  let state: SessionState = {
    status: 'proposed',
    offer: proposal.offer,
    offeredBy: proposal.by,
    awaiting: otherMember(pair, proposal.by),
    accepted: null,
    reason: null,
    head: proposal.id,
    lastChangeBy: proposal.by,
    lastChangeAt: proposal.at,
    history: [proposal],
    superseded: []
  };
  let pending = events.filter((event) => event !== proposal);
  const superseded: SupersededEvent[] = [];
  for (;;) {
    const head = state.head;
    const candidates = pending.filter((event) => event.basedOn === head);
    if (candidates.length === 0) break;
    pending = pending.filter((event) => event.basedOn !== head);
    let winner: SessionEvent | null = null;
    for (const event of candidates) {
      if (checkSessionEvent(state, event, pair) !== null) {
        superseded.push({ event, why: 'not-allowed' });
      } else if (!winner || PRIORITY[event.type] > PRIORITY[winner.type]) {
        if (winner) superseded.push({ event: winner, why: 'concurrent' });
        winner = event;
      } else {
        superseded.push({ event, why: 'concurrent' });
      }
    }
    if (!winner) break;
    state = apply(state, winner, pair);
  }
  // What is left was based on a change that lost (or on nothing known). A cancellation still counts.
  for (const event of pending) {
    if (event.type === 'cancel' && checkSessionEvent(state, event, pair) === null) state = apply(state, event, pair);
    else superseded.push({ event, why: event.type === 'cancel' ? 'not-allowed' : 'concurrent' });
  }
  return { ...state, superseded };
}
