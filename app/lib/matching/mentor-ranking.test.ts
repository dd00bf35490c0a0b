import { describe, expect, it } from 'vitest';
import { MAX_RANKED_MENTORS, type MentorPublicProfile } from '@mop/shared';
import {
  addToRanking,
  canRankMore,
  cleanRanking,
  mentorMatchesQuery,
  moveInRanking,
  orderMentorsByFit,
  rankedEntries,
  removeFromRanking
} from './mentor-ranking';

function mentor(userId: string, displayName: string, extra: Partial<MentorPublicProfile> = {}): MentorPublicProfile {
  return {
    userId,
    displayName,
    headline: '',
    bio: '',
    sectors: [],
    skillsOffered: [],
    goals: [],
    languages: [],
    country: 'PT',
    timeZone: 'Europe/Lisbon',
    organisation: '',
    freeCapacity: 1,
    ...extra
  };
}

describe('ranking edits', () => {
  it('adds at the end, never twice, and stops at the maximum', () => {
    expect(MAX_RANKED_MENTORS).toBe(3);
    let ranking = addToRanking([], 'a');
    ranking = addToRanking(ranking, 'b');
    expect(addToRanking(ranking, 'a')).toEqual(['a', 'b']);
    ranking = addToRanking(ranking, 'c');
    expect(ranking).toEqual(['a', 'b', 'c']);
    expect(canRankMore(ranking)).toBe(false);
    expect(addToRanking(ranking, 'd')).toEqual(['a', 'b', 'c']);
    expect(addToRanking(['a'], 'b', 1)).toEqual(['a']);
  });

  it('moves one place up or down and stays put at the ends', () => {
    expect(moveInRanking(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveInRanking(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moveInRanking(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveInRanking(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
    expect(moveInRanking(['a', 'b'], 'zz', 1)).toEqual(['a', 'b']);
  });

  it('removes, closing the gap, and never changes the list it was given', () => {
    const ranking = ['a', 'b', 'c'];
    expect(removeFromRanking(ranking, 'a')).toEqual(['b', 'c']);
    moveInRanking(ranking, 'a', 1);
    addToRanking(['a'], 'b');
    expect(ranking).toEqual(['a', 'b', 'c']);
  });

  it('drops repeated ids (a merge of two devices could repeat one)', () => {
    expect(cleanRanking(['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(canRankMore(['a', 'a', 'b'])).toBe(true);
    expect(moveInRanking(['a', 'b', 'a'], 'b', -1)).toEqual(['b', 'a']);
  });
});

describe('rankedEntries', () => {
  it('numbers the places from 1 and keeps ids it cannot name (offline, or a mentor who left)', () => {
    const known = new Map([['a', mentor('a', 'Ana')]]);
    expect(rankedEntries(['x', 'a'], known)).toEqual([
      { mentorId: 'x', rank: 1, mentor: null },
      { mentorId: 'a', rank: 2, mentor: known.get('a') }
    ]);
  });
});

describe('orderMentorsByFit', () => {
  it('puts the wanted skills first, then shared sectors, then free places, then names', () => {
    const mentors = [
      mentor('1', 'Zoe', { skillsOffered: ['funding'] }),
      mentor('2', 'Ana'),
      mentor('3', 'Bo', { sectors: ['music'] }),
      mentor('4', 'Cy', { skillsOffered: ['funding', 'marketing'] }),
      mentor('5', 'Al', { freeCapacity: 0 })
    ];
    const order = orderMentorsByFit(mentors, { skillsWanted: ['funding', 'marketing'], sectors: ['music'] });
    expect(order.map((m) => m.displayName)).toEqual(['Cy', 'Zoe', 'Bo', 'Ana', 'Al']);
    expect(mentors[0]!.displayName).toBe('Zoe');
  });
});

describe('mentorMatchesQuery', () => {
  it('matches every word in the name, headline, organisation or labels, ignoring case and accents', () => {
    const m = mentor('1', 'José Álvarez', { headline: 'Festival producer', organisation: 'Teatro Sur' });
    expect(mentorMatchesQuery(m, '')).toBe(true);
    expect(mentorMatchesQuery(m, 'jose')).toBe(true);
    expect(mentorMatchesQuery(m, 'alvarez festival')).toBe(true);
    expect(mentorMatchesQuery(m, 'music', ['Music'])).toBe(true);
    expect(mentorMatchesQuery(m, 'music')).toBe(false);
    expect(mentorMatchesQuery(m, 'jose painter')).toBe(false);
  });
});
