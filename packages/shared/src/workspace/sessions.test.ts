import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  acceptSession,
  agenda,
  cancelSession,
  counterProposeSession,
  declineSession,
  getSession,
  isSessionHeld,
  linkSessionNote,
  proposeSession,
  rescheduleSession
} from './sessions.ts';
import { resolveSession, type PairMembers } from './session-rules.ts';
import { slotsInTimeOrder } from './sessions.ts';
import { WorkspaceError } from './shape.ts';

const pair: PairMembers = { mentorId: 'mentor', menteeId: 'mentee' };
const A = '2025-04-01T08:00:00.000Z';
const B = '2025-04-02T15:30:00.000Z';
const C = '2025-04-03T09:00:00.000Z';
const offer = (slots: string[]) => ({
  slots,
  durationMinutes: 60,
  timeZone: 'Europe/Rome',
  place: 'Studio',
  agenda: 'Portfolio'
});
const t0 = new Date('2025-03-20T10:00:00Z');

/** Two replicas of one document, synced both ways (as after a reconnect). */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function expectRefusal(fn: () => unknown, code: WorkspaceError['code']): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as WorkspaceError).code).toBe(code);
    return;
  }
  throw new Error('expected a refusal');
}

describe('session rules', () => {
  it('proposes, then the other member accepts one of the slots', () => {
    const doc = new Y.Doc();
    const id = proposeSession(doc, pair, 'mentor', offer([A, B]), t0);
    expect(getSession(doc, pair, id)).toMatchObject({
      status: 'proposed',
      offeredBy: 'mentor',
      awaiting: 'mentee',
      accepted: null
    });
    const accepted = acceptSession(doc, pair, id, 'mentee', '2025-04-02T15:30:00Z', t0);
    expect(accepted).toMatchObject({
      status: 'accepted',
      accepted: { start: B, end: '2025-04-02T16:30:00.000Z' },
      lastChangeBy: 'mentee'
    });
  });

  it('refuses what the rules do not allow', () => {
    const doc = new Y.Doc();
    const id = proposeSession(doc, pair, 'mentor', offer([A]), t0);
    expectRefusal(() => acceptSession(doc, pair, id, 'mentor', A), 'invalid_state'); // the proposer cannot accept
    expectRefusal(() => acceptSession(doc, pair, id, 'mentee', C), 'invalid_state'); // not an offered slot
    expectRefusal(() => acceptSession(doc, pair, id, 'stranger', A), 'forbidden');
    expectRefusal(() => counterProposeSession(doc, pair, id, 'mentor', offer([C])), 'invalid_state');
    expectRefusal(() => rescheduleSession(doc, pair, id, 'mentee', offer([C]), 'busy'), 'invalid_state');
    expectRefusal(() => cancelSession(doc, pair, id, 'mentee', '  '), 'invalid_input');
    expectRefusal(() => proposeSession(doc, pair, 'stranger', offer([A])), 'forbidden');
    expectRefusal(() => proposeSession(doc, pair, 'mentor', offer([])), 'invalid_input');
    expectRefusal(
      () => proposeSession(doc, pair, 'mentor', { ...offer([A]), timeZone: 'Nowhere/Land' }),
      'invalid_input'
    );
    declineSession(doc, pair, id, 'mentee', 'Too early');
    expect(getSession(doc, pair, id)).toMatchObject({ status: 'declined', reason: 'Too early' });
    expectRefusal(() => cancelSession(doc, pair, id, 'mentor', 'never mind'), 'invalid_state');
  });

  it('counter-proposes, reschedules and cancels with reasons, keeping who did what when', () => {
    const doc = new Y.Doc();
    const id = proposeSession(doc, pair, 'mentee', offer([A]), t0);
    counterProposeSession(doc, pair, id, 'mentor', offer([B, C]), 'Tuesday is full', new Date('2025-03-21T00:00:00Z'));
    expect(getSession(doc, pair, id)).toMatchObject({
      status: 'counter-proposed',
      offeredBy: 'mentor',
      awaiting: 'mentee',
      reason: 'Tuesday is full'
    });
    acceptSession(doc, pair, id, 'mentee', C);
    const moved = rescheduleSession(doc, pair, id, 'mentee', offer([A]), 'Train strike');
    expect(moved).toMatchObject({ status: 'rescheduled', offeredBy: 'mentee', awaiting: 'mentor', accepted: null });
    const cancelled = cancelSession(doc, pair, id, 'mentor', 'Ill');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.history.map((e) => [e.type, e.by])).toEqual([
      ['propose', 'mentee'],
      ['counter', 'mentor'],
      ['accept', 'mentee'],
      ['reschedule', 'mentee'],
      ['cancel', 'mentor']
    ]);
  });

  it('splits the agenda into upcoming and held sessions and links notes', () => {
    const doc = new Y.Doc();
    const past = proposeSession(doc, pair, 'mentor', offer([A]), t0);
    acceptSession(doc, pair, past, 'mentee', A);
    const future = proposeSession(doc, pair, 'mentor', offer([C]), t0);
    linkSessionNote(doc, past, 'note-1');
    const now = new Date('2025-04-02T00:00:00Z');
    const { upcoming, past: held } = agenda(doc, pair, now);
    expect(upcoming.map((s) => s.id)).toEqual([future]);
    expect(held.map((s) => [s.id, s.noteId])).toEqual([[past, 'note-1']]);
    expect(isSessionHeld(held[0]!, now)).toBe(true);
  });
});

describe('conflicting offline changes (two Y.Docs synced afterwards)', () => {
  function setup(): { mentorDoc: Y.Doc; menteeDoc: Y.Doc; id: string } {
    const mentorDoc = new Y.Doc();
    const menteeDoc = new Y.Doc();
    const id = proposeSession(mentorDoc, pair, 'mentor', offer([A, B]), t0);
    sync(mentorDoc, menteeDoc);
    return { mentorDoc, menteeDoc, id };
  }

  it('an acceptance made offline loses to a cancellation made meanwhile, whichever syncs first', () => {
    for (const order of ['mentor-first', 'mentee-first'] as const) {
      const { mentorDoc, menteeDoc, id } = setup();
      acceptSession(menteeDoc, pair, id, 'mentee', A);
      cancelSession(mentorDoc, pair, id, 'mentor', 'Conflict with a show');
      if (order === 'mentor-first') sync(mentorDoc, menteeDoc);
      else sync(menteeDoc, mentorDoc);
      for (const doc of [mentorDoc, menteeDoc]) {
        const session = getSession(doc, pair, id)!;
        expect(session.status).toBe('cancelled');
        expect(session.superseded.map((s) => [s.event.type, s.why])).toEqual([['accept', 'concurrent']]);
      }
    }
  });

  it('an acceptance made offline loses to a reschedule; the new times wait for an answer', () => {
    const { mentorDoc, menteeDoc, id } = setup();
    acceptSession(menteeDoc, pair, id, 'mentee', B);
    rescheduleSession(mentorDoc, pair, id, 'mentor', offer([C]), 'Moved my trip');
    sync(menteeDoc, mentorDoc);
    const session = getSession(menteeDoc, pair, id)!;
    expect(session).toMatchObject({ status: 'rescheduled', awaiting: 'mentee', accepted: null });
    expect(session.offer.slots).toEqual([C]);
    // The mentee, now seeing the new offer, accepts it.
    expect(acceptSession(menteeDoc, pair, id, 'mentee', C).status).toBe('accepted');
  });

  it('both members change an accepted session at once: cancel beats reschedule; state is identical on both', () => {
    const { mentorDoc, menteeDoc, id } = setup();
    acceptSession(menteeDoc, pair, id, 'mentee', A);
    sync(mentorDoc, menteeDoc);
    rescheduleSession(mentorDoc, pair, id, 'mentor', offer([C]), 'Later please');
    cancelSession(menteeDoc, pair, id, 'mentee', 'Cannot make it');
    sync(mentorDoc, menteeDoc);
    expect(getSession(mentorDoc, pair, id)).toEqual(getSession(menteeDoc, pair, id));
    expect(getSession(mentorDoc, pair, id)!.status).toBe('cancelled');
  });

  it('a cancellation based on a change that lost is still applied', () => {
    const { mentorDoc, menteeDoc, id } = setup();
    // Offline, the mentee accepts and then (still offline) cancels; meanwhile the mentor reschedules.
    acceptSession(menteeDoc, pair, id, 'mentee', A);
    cancelSession(menteeDoc, pair, id, 'mentee', 'Sorry, no');
    rescheduleSession(mentorDoc, pair, id, 'mentor', offer([C]), 'Different day');
    sync(mentorDoc, menteeDoc);
    const session = getSession(mentorDoc, pair, id)!;
    expect(session.status).toBe('cancelled');
    expect(session.history.map((e) => e.type)).toEqual(['propose', 'reschedule', 'cancel']);
  });

  it('two devices of the mentee accept different slots: one wins, the same on every replica', () => {
    const { mentorDoc, menteeDoc, id } = setup();
    const phone = new Y.Doc();
    sync(menteeDoc, phone);
    acceptSession(menteeDoc, pair, id, 'mentee', A);
    acceptSession(phone, pair, id, 'mentee', B);
    sync(menteeDoc, phone);
    sync(phone, mentorDoc);
    sync(menteeDoc, mentorDoc);
    const states = [mentorDoc, menteeDoc, phone].map((doc) => getSession(doc, pair, id)!);
    expect(states[0]!.status).toBe('accepted');
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    expect(states[0]!.superseded).toHaveLength(1);
  });
});

describe('resolveSession on hand-made logs', () => {
  it('ignores invalid events and events by strangers', () => {
    const propose = {
      id: 'p',
      type: 'propose',
      by: 'mentor',
      at: '2025-01-01T00:00:00Z',
      basedOn: null,
      offer: offer([A])
    };
    const state = resolveSession(
      [
        propose,
        { id: 'x', type: 'accept', by: 'stranger', at: '2025-01-01T00:00:00Z', basedOn: 'p', slot: A },
        { id: 'y', type: 'accept', by: 'mentee', at: '2025-01-01T00:00:00Z', basedOn: 'p' },
        'garbage'
      ],
      pair
    )!;
    expect(state.status).toBe('proposed');
    expect(state.superseded.map((s) => [s.event.id, s.why])).toEqual([['x', 'not-allowed']]);
    expect(resolveSession([], pair)).toBeNull();
  });

  it('gives the same state whatever the order of concurrent events in the log', () => {
    const propose = { id: 'p', type: 'propose', by: 'mentor', at: 't', basedOn: null, offer: offer([A, B]) };
    const accept = { id: 'a', type: 'accept', by: 'mentee', at: 't', basedOn: 'p', slot: A };
    const counter = { id: 'c', type: 'counter', by: 'mentee', at: 't', basedOn: 'p', offer: offer([C]), reason: '' };
    const reschedule = {
      id: 'r',
      type: 'reschedule',
      by: 'mentor',
      at: 't',
      basedOn: 'p',
      offer: offer([C]),
      reason: 'x'
    };
    const one = resolveSession([propose, accept, counter, reschedule], pair)!;
    const two = resolveSession([propose, reschedule, counter, accept], pair)!;
    expect(one.status).toBe('rescheduled');
    expect(two.status).toBe('rescheduled');
    expect(one.head).toBe(two.head);
  });
});

describe('slotsInTimeOrder', () => {
  it('lists offered times from the earliest, whatever order they were entered in (16 Dec before 15 Dec)', () => {
    const entered = ['2026-12-16T09:00:00.000Z', '2026-12-15T15:30:00.000Z', '2026-12-15T08:00:00.000Z'];
    expect(slotsInTimeOrder(entered)).toEqual([
      '2026-12-15T08:00:00.000Z',
      '2026-12-15T15:30:00.000Z',
      '2026-12-16T09:00:00.000Z'
    ]);
    expect(entered[0]).toBe('2026-12-16T09:00:00.000Z');
  });
});
