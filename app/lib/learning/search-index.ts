import MiniSearch from 'minisearch';
import type { Resource } from '@mop/shared';

/**
 * The learning center's full-text index (MiniSearch). A module of its own, loaded when someone types a search
 * (`search.ts` has the filters and a plain word match for the moment before it arrives), so opening `/learn` does
 * not download it.
 */

interface IndexedResource {
  id: string;
  title: string;
  summary: string;
  topics: string;
  text: string;
}

/** Markdown reduced to words for the index: link targets, markup and `resource:` ids are not worth matching. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#>*_`|[\]-]+/g, ' ')
    .replace(/\s+/g, ' ');
}

/**
 * A full-text index over the resources' titles, summaries, topics and page text, built in the browser from the local
 * catalogue so search answers with no network. Titles weigh most; prefix and light fuzzy matching forgive typing.
 */
export function buildSearchIndex(resources: readonly Resource[]): SearchIndex {
  const index = new MiniSearch<IndexedResource>({
    fields: ['title', 'summary', 'topics', 'text'],
    searchOptions: { boost: { title: 3, topics: 2, summary: 1.5 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' }
  });
  index.addAll(
    resources.map((resource) => ({
      id: resource.id,
      title: resource.title,
      summary: resource.summary,
      topics: resource.topics.join(' '),
      text: plainText(resource.body ?? '')
    }))
  );
  return index;
}

/** The index of the learning center's resources. */
export type SearchIndex = MiniSearch<IndexedResource>;
