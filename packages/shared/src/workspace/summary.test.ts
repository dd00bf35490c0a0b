import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { nextSummarySession } from '../mentorship-list-api.ts';
import { migrateMentorshipDoc } from '../notes-doc.ts';
import { acceptSession, proposeSession } from './sessions.ts';
import { summarisePair } from './summary.ts';

const PAIR = { mentorId: 'mentor', menteeId: 'mentee' };
const offer = (slot: string, title: string) => ({
  title,
  slots: [slot],
  durationMinutes: 60,
  timeZone: 'Europe/Rome'
});

describe('summarisePair and nextSummarySession', () => {
  it('keeps the next sessions, and the card shows the first still ahead when it is read later', () => {
    const doc = new Y.Doc();
    migrateMentorshipDoc(doc);
    const created = new Date('2026-03-01T00:00:00Z');
    const first = proposeSession(doc, PAIR, PAIR.menteeId, offer('2026-03-02T10:00:00.000Z', 'First'), created);
    acceptSession(doc, PAIR, first, PAIR.mentorId, '2026-03-02T10:00:00.000Z', created);
    proposeSession(doc, PAIR, PAIR.mentorId, offer('2026-03-09T10:00:00.000Z', 'Offered'), created);

    const summary = summarisePair(doc, PAIR, PAIR.menteeId, new Date('2026-03-01T12:00:00Z'));
    expect(summary.upcoming.map((s) => [s.title, s.accepted?.start ?? null])).toEqual([
      ['First', '2026-03-02T10:00:00.000Z'],
      ['Offered', null]
    ]);
    expect(nextSummarySession(summary, new Date('2026-03-01T12:00:00Z'))?.title).toBe('First');
    // Read after the first session ended (offline, nothing recomputed it): the offer still waiting is next.
    expect(nextSummarySession(summary, new Date('2026-03-02T11:30:00Z'))?.title).toBe('Offered');
    // After every offered slot passed, nothing is.
    expect(nextSummarySession(summary, new Date('2026-03-10T00:00:00Z'))).toBeNull();
  });
});
