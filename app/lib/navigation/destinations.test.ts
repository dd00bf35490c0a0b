import { describe, expect, it } from 'vitest';
import { currentDestination, destinationsFor } from './destinations';

describe('destinationsFor', () => {
  it('gives pair members five destinations with notifications, and the community to every role', () => {
    expect(destinationsFor('mentee').map((d) => d.id)).toEqual([
      'home',
      'agenda',
      'community',
      'learn',
      'notifications'
    ]);
    for (const role of ['mentor', 'mentee', 'coordinator', 'admin'] as const) {
      const ids = destinationsFor(role).map((d) => d.id);
      expect(ids).toContain('community');
      expect(ids.length).toBeGreaterThanOrEqual(4);
      expect(ids.length).toBeLessThanOrEqual(5);
    }
    expect(destinationsFor('coordinator').map((d) => d.id)).not.toContain('notifications');
  });
});

describe('currentDestination', () => {
  const member = destinationsFor('mentor');
  const coordinator = destinationsFor('coordinator');

  it('marks the destination a page is inside', () => {
    expect(currentDestination('/mentoring/abc/notes/n1', member)).toBe('home');
    expect(currentDestination('/learn/modules/x', member)).toBe('learn');
    expect(currentDestination('/programmes/p1', coordinator)).toBe('programmes');
  });

  it("marks a programme's community as the community, not the programmes", () => {
    expect(currentDestination('/programmes/p1/community/t1', coordinator)).toBe('community');
  });

  it('marks nothing outside the destinations and does not match a mere prefix of a word', () => {
    expect(currentDestination('/profile', member)).toBeNull();
    expect(currentDestination('/learning-elsewhere', member)).toBeNull();
  });
});
