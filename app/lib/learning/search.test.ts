import { describe, expect, it } from 'vitest';
import type { Resource } from '@mop/shared';
import { NO_FILTERS, filterOptions, filtersFromParams, filtersToSearch } from './search';

const resource = (id: string, language: string, topics: string[]) =>
  ({ id, language, topics, type: 'guide', audience: ['mentor'] }) as unknown as Resource;
const resources = [
  resource('a', 'en', ['agreement', 'goals']),
  resource('b', 'es', ['acuerdo']),
  resource('c', 'it', ['accordo']),
  resource('d', 'en', ['goals'])
];

describe('filterOptions', () => {
  it('groups topics by the language of their resources', () => {
    expect(filterOptions(resources).topicGroups).toEqual([
      { language: 'en', topics: ['agreement', 'goals'] },
      { language: 'es', topics: ['acuerdo'] },
      { language: 'it', topics: ['accordo'] }
    ]);
  });
  it('offers only the chosen language’s topics', () => {
    expect(filterOptions(resources, 'es').topicGroups).toEqual([{ language: 'es', topics: ['acuerdo'] }]);
  });
});

describe('filters in the URL', () => {
  it('round-trips through the search part, leaving empty filters out', () => {
    const filters = { ...NO_FILTERS, query: 'first session', type: 'guide', language: 'es' };
    const search = filtersToSearch(filters);
    expect(search).toBe('?q=first+session&type=guide&lang=es');
    expect(filtersFromParams(new URLSearchParams(search))).toEqual(filters);
    expect(filtersToSearch(NO_FILTERS)).toBe('');
    expect(filtersFromParams(new URLSearchParams('?utm=x'))).toEqual(NO_FILTERS);
  });
});
