import { describe, expect, it } from 'vitest';
import type { ProposedPair } from '@mop/shared';
import { isPairOrder, sortPairs } from './pair-order';

function pair(menteeId: string, menteeName: string, score: number): ProposedPair {
  return {
    mentee: { id: menteeId, name: menteeName },
    mentor: { id: 'mentor', name: 'Mentor' },
    score,
    locked: false,
    breakdown: {},
    details: {
      sharedSectors: [],
      matchedSkills: [],
      sharedGoals: [],
      sharedLanguages: [],
      timeZoneGapHours: 0,
      overlapMinutesPerWeek: 0,
      menteeRank: null
    },
    rulesMet: [],
    rulesBroken: []
  };
}

const pairs = [pair('a', 'Cleo', 70), pair('b', 'Aino', 40), pair('c', 'Bruno', 90), pair('d', 'Dara', 40)];

describe('sortPairs', () => {
  it('puts the weakest pairs first by default order, ties by mentee name', () => {
    expect(sortPairs(pairs, 'score-asc').map((p) => p.mentee.id)).toEqual(['b', 'd', 'a', 'c']);
  });
  it('sorts by score high to low and by mentee name', () => {
    expect(sortPairs(pairs, 'score-desc').map((p) => p.mentee.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(sortPairs(pairs, 'mentee').map((p) => p.mentee.name)).toEqual(['Aino', 'Bruno', 'Cleo', 'Dara']);
  });
  it('does not reorder the run itself and knows its orders', () => {
    sortPairs(pairs, 'mentee');
    expect(pairs.map((p) => p.mentee.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(isPairOrder('score-asc')).toBe(true);
    expect(isPairOrder('random')).toBe(false);
  });
});
