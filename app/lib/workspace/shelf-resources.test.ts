import { describe, expect, it } from 'vitest';
import type { Pin } from '@mop/shared';
import { isPinned, pinnedResourceTitle, searchShelfResources } from './shelf-resources';

const resources = [
  { id: 'active-listening', title: 'Active listening', topics: ['communication'] },
  { id: 'economia-basica', title: 'Economía básica', topics: ['money'] },
  { id: 'goal-setting', title: 'Setting goals that stick', topics: ['goals'] },
  { id: 'listening-exercises', title: 'Exercises: listening in pairs', topics: [] }
];

function pin(fields: Partial<Pin>): Pin {
  return {
    id: 'p',
    kind: 'resource',
    resourceId: null,
    url: null,
    file: null,
    title: '',
    comment: '',
    pinnedBy: 'u',
    pinnedAt: '2026-01-01T00:00:00.000Z',
    removedAt: null,
    removedBy: null,
    ...fields
  };
}

describe('the shelf picker', () => {
  it('finds resources by any words of the title, topics or id, titles starting with the query first', () => {
    expect(searchShelfResources(resources, 'listen').map((r) => r.id)).toEqual([
      'active-listening',
      'listening-exercises'
    ]);
    expect(searchShelfResources(resources, 'exercises listen').map((r) => r.id)).toEqual(['listening-exercises']);
    expect(searchShelfResources(resources, 'GOALS').map((r) => r.id)).toEqual(['goal-setting']);
    expect(searchShelfResources(resources, 'economia').map((r) => r.id)).toEqual(['economia-basica']);
    expect(searchShelfResources(resources, 'nothing like this')).toEqual([]);
  });

  it('lists everything alphabetically with no query, up to the limit', () => {
    expect(searchShelfResources(resources, '  ').map((r) => r.title)).toEqual([
      'Active listening',
      'Economía básica',
      'Exercises: listening in pairs',
      'Setting goals that stick'
    ]);
    expect(searchShelfResources(resources, '', 2)).toHaveLength(2);
  });

  it('shows a pin’s own title, else the catalogue’s, else its id', () => {
    const titles = new Map([['goal-setting', 'Setting goals that stick']]);
    expect(pinnedResourceTitle(pin({ resourceId: 'goal-setting', title: 'Our goals' }), titles)).toBe('Our goals');
    expect(pinnedResourceTitle(pin({ resourceId: 'goal-setting' }), titles)).toBe('Setting goals that stick');
    expect(pinnedResourceTitle(pin({ resourceId: 'gone' }), titles)).toBe('gone');
  });

  it('knows a resource already on the shelf, not one that was removed', () => {
    expect(isPinned([pin({ resourceId: 'a' })], 'a')).toBe(true);
    expect(isPinned([pin({ resourceId: 'a', removedAt: '2026-01-02T00:00:00.000Z' })], 'a')).toBe(false);
    expect(isPinned([pin({ kind: 'link', url: 'https://a' })], 'a')).toBe(false);
  });
});
