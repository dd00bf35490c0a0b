import { describe, expect, it } from 'vitest';
import type { ProgrammeProgress } from '@mop/shared';
import { programmeHealth } from './programme-health';

type Pair = ProgrammeProgress['pairs'][number];

function pair(id: string, status: 'active' | 'closed', lastActivity: string | null, upcoming = 0, steps = 0): Pair {
  return {
    mentorshipId: id,
    status,
    unpublishable: false,
    mentor: { id: `${id}-mentor`, name: `Mentor ${id}` },
    mentee: { id: `${id}-mentee`, name: `Mentee ${id}` },
    progress: {
      phase: { id: 'm', title: 'M', index: 0, stepsDone: steps, stepsTotal: 10 },
      stepsDone: steps,
      stepsTotal: 10,
      doneStepIds: [],
      goalsByStatus: { 'not-started': 0, 'in-progress': 0, done: 0, dropped: 0 },
      goalsTotal: 0,
      sessionsHeld: 0,
      sessionsUpcoming: upcoming,
      nextSessionAt: null,
      lastActivity,
      history: []
    }
  };
}

describe('programmeHealth', () => {
  const now = new Date('2026-12-02T12:00:00Z');

  it('lists active pairs quiet for two weeks with nothing planned, longest quiet (or never active) first', () => {
    const health = programmeHealth(
      {
        programmeId: 'p',
        pairs: [
          pair('recent', 'active', '2026-11-30T12:00:00Z'),
          pair('quiet', 'active', '2026-11-10T12:00:00Z'),
          pair('quieter', 'active', '2026-10-01T12:00:00Z'),
          pair('never', 'active', null),
          pair('planned', 'active', '2026-10-01T12:00:00Z', 1),
          pair('ended', 'closed', '2026-01-01T12:00:00Z')
        ]
      },
      now
    );
    expect(health.quiet.map((q) => q.mentorshipId)).toEqual(['never', 'quieter', 'quiet']);
    expect(health.quiet[2]!.daysQuiet).toBe(22);
    expect(health.activePairs).toBe(5);
    expect(health.closedPairs).toBe(1);
    expect(health.pairsWithSession).toBe(1);
  });

  it('shares the steps done over active pairs and is 0 with no pairs', () => {
    expect(programmeHealth({ programmeId: 'p', pairs: [] }, now).stepsShare).toBe(0);
    const health = programmeHealth(
      { programmeId: 'p', pairs: [pair('a', 'active', null, 0, 2), pair('b', 'active', null, 0, 4)] },
      now
    );
    expect(health.stepsShare).toBeCloseTo(0.3);
  });
});
