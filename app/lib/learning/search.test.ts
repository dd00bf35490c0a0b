import { describe, expect, it } from 'vitest';
import type { Resource } from '@mop/shared';
import { NO_FILTERS, filterOptions, filterResources, filtersFromParams, filtersToSearch } from './search';
import { buildSearchIndex } from './search-index';

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
  it('sorts each language’s topics as that language does, accents beside their letter', () => {
    const spanish = [resource('e', 'es', ['zona', 'ámbito', 'Ética', 'acuerdo', 'escucha'])];
    expect(filterOptions(spanish).topicGroups[0]!.topics).toEqual(['acuerdo', 'ámbito', 'escucha', 'Ética', 'zona']);
    expect(filterOptions([resource('f', 'not a tag!', ['b', 'a'])]).topicGroups[0]!.topics).toEqual(['a', 'b']);
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

describe('filterResources', () => {
  const guide = (id: string, title: string, body: string) =>
    ({
      id,
      title,
      summary: '',
      body,
      language: 'en',
      topics: [],
      type: 'guide',
      audience: ['mentor']
    }) as unknown as Resource;
  const library = [
    guide('listening', 'Active listening guide', 'Reflect what you hear.'),
    guide('goals', 'Setting goals together', 'A checklist for the first meeting.')
  ];
  const ids = (list: Resource[]) => list.map((each) => each.id);

  it('matches the words of the title before the index has loaded, and the page text with it', () => {
    const query = { ...NO_FILTERS, query: 'Goals' };
    expect(ids(filterResources(library, null, query))).toEqual(['goals']);
    expect(ids(filterResources(library, null, { ...NO_FILTERS, query: 'checklist' }))).toEqual([]);
    const index = buildSearchIndex(library);
    expect(ids(filterResources(library, index, { ...NO_FILTERS, query: 'checklist' }))).toEqual(['goals']);
    expect(ids(filterResources(library, index, NO_FILTERS))).toEqual(['listening', 'goals']);
  });
});
