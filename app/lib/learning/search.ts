import type { Resource } from '@mop/shared';
import { collator } from '$lib/intl';

/** The filters of the learning center; an empty string means "any". */
export interface ResourceFilters {
  query: string;
  type: string;
  audience: string;
  language: string;
  topic: string;
}

export const NO_FILTERS: ResourceFilters = { query: '', type: '', audience: '', language: '', topic: '' };

/** What `filterResources` needs of the full-text index (`search-index.ts`, loaded when someone searches). */
export interface ResourceSearch {
  search(query: string): { id: unknown }[];
}

/** Every word of the query in the title, summary or topics: the answer until the full-text index has loaded. */
function wordMatch(resource: Resource, query: string): boolean {
  const text = `${resource.title} ${resource.summary} ${resource.topics.join(' ')}`.toLocaleLowerCase();
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

/**
 * The resources matching the filters: by relevance when there is a query and the index is loaded, in catalogue order
 * otherwise (a query before the index arrives matches its words in the title, summary and topics).
 */
export function filterResources(
  resources: readonly Resource[],
  index: ResourceSearch | null,
  filters: ResourceFilters
): Resource[] {
  const matches = (resource: Resource) =>
    (filters.type === '' || resource.type === filters.type) &&
    (filters.audience === '' || resource.audience.some((audience) => audience === filters.audience)) &&
    (filters.language === '' || resource.language === filters.language) &&
    (filters.topic === '' || resource.topics.includes(filters.topic));
  const query = filters.query.trim();
  if (query === '') return resources.filter(matches);
  if (index === null) return resources.filter((resource) => matches(resource) && wordMatch(resource, query));
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  return index
    .search(query)
    .map((hit) => byId.get(String(hit.id)))
    .filter((resource): resource is Resource => resource !== undefined && matches(resource));
}

/** Topics of one language, for a group of the Topic filter. */
interface TopicGroup {
  language: string;
  topics: string[];
}

export interface FilterOptions {
  types: string[];
  audiences: string[];
  languages: string[];
  /**
   * Topics grouped by the language of the resources that carry them ("agreement" and "acuerdo" are the same idea in
   * two languages, not two topics side by side). With a language chosen, only that language's group.
   */
  topicGroups: TopicGroup[];
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** How `language`'s words sort; a tag Intl does not take sorts as English does. */
function wordOrder(language: string): (a: string, b: string) => number {
  try {
    return collator(language).compare;
  } catch {
    return collator('en').compare;
  }
}

/** The values each filter can take, from the resources at hand, sorted for display. */
export function filterOptions(resources: readonly Resource[], language = ''): FilterOptions {
  // Codes (types, audiences, languages) in code order; each language's topics as that language sorts its words.
  const sorted = (values: Iterable<string>, compare: (a: string, b: string) => number = byCode) =>
    [...new Set(values)].sort(compare);
  const languages = sorted(resources.map((resource) => resource.language));
  const topicGroups = languages
    .filter((lang) => language === '' || lang === language)
    .map((lang) => ({
      language: lang,
      topics: sorted(
        resources.filter((resource) => resource.language === lang).flatMap((resource) => resource.topics),
        wordOrder(lang)
      )
    }))
    .filter((group) => group.topics.length > 0);
  return {
    types: sorted(resources.map((resource) => resource.type)),
    audiences: sorted(resources.flatMap((resource) => resource.audience)),
    languages,
    topicGroups
  };
}

/** True when any filter narrows the list. */
export function hasFilters(filters: ResourceFilters): boolean {
  return Object.values(filters).some((value) => value.trim() !== '');
}

/** URL parameter of each filter (`/learn?q=…&type=…`), so Back and a shared link bring the same list back. */
const URL_PARAMS: Record<keyof ResourceFilters, string> = {
  query: 'q',
  type: 'type',
  audience: 'audience',
  language: 'lang',
  topic: 'topic'
};

/** The filters a `/learn` URL asks for; unknown parameters are ignored. */
export function filtersFromParams(params: URLSearchParams): ResourceFilters {
  const filters = { ...NO_FILTERS };
  for (const key of Object.keys(URL_PARAMS) as (keyof ResourceFilters)[])
    filters[key] = params.get(URL_PARAMS[key]) ?? '';
  return filters;
}

/** The search part (`?q=…`, or '' for no filters) of the URL for these filters, in a fixed parameter order. */
export function filtersToSearch(filters: ResourceFilters): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(URL_PARAMS) as (keyof ResourceFilters)[])
    if (filters[key] !== '') params.set(URL_PARAMS[key], filters[key]);
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}
