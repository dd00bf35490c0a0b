import { describe, expect, it } from 'vitest';
import type { Mentorship } from '@mop/shared';
import { homePathFor, pairsOf, takesPartInPairs } from './membership';

function pair(id: string, mentorId: string, menteeId: string): Mentorship {
  return {
    id,
    programmeId: 'prog',
    programmeName: 'Pilot',
    mentor: { id: mentorId, name: mentorId, email: `${mentorId}@example.org` },
    mentee: { id: menteeId, name: menteeId, email: `${menteeId}@example.org` },
    status: 'active',
    createdAt: '2025-01-01T00:00:00Z',
    docName: `mentorship:${id}`
  };
}

describe('membership', () => {
  const pairs = [pair('p1', 'ana', 'ben'), pair('p2', 'cleo', 'dan'), pair('p3', 'eva', 'ana')];

  it('lists only the pairs the user is the mentor or the mentee of', () => {
    expect(pairsOf(pairs, 'ana').map((p) => p.id)).toEqual(['p1', 'p3']);
    expect(pairsOf(pairs, 'dan').map((p) => p.id)).toEqual(['p2']);
    expect(pairsOf(pairs, 'coordinator')).toEqual([]);
  });

  it('starts coordinators and admins at the programmes, pair members at their mentoring', () => {
    expect(homePathFor({ role: 'mentor' })).toBe('/mentoring');
    expect(homePathFor({ role: 'mentee' })).toBe('/mentoring');
    expect(homePathFor({ role: 'coordinator' })).toBe('/programmes');
    expect(homePathFor({ role: 'admin' })).toBe('/programmes');
    expect(takesPartInPairs('admin')).toBe(false);
  });
});
