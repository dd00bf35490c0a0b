import type { Pin } from '@mop/shared';

/** A learning resource as the shelf shows and pins it. */
export interface ShelfResource {
  id: string;
  title: string;
}

/** Whether the resource is on the shelf already (not removed). */
export function isPinned(pins: readonly Pin[], resourceId: string): boolean {
  return pins.some((pin) => pin.kind === 'resource' && pin.resourceId === resourceId && pin.removedAt === null);
}

/** Lower case without accents, so "economia" finds "Economía". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * The catalogue's resources matching what was typed in the shelf's picker: every word must appear in the title, a
 * topic or the id; titles that start with the query come first, then alphabetical. At most `limit` results.
 */
export function searchShelfResources<T extends ShelfResource & { topics?: readonly string[] }>(
  resources: readonly T[],
  query: string,
  limit = 30
): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const q = fold(query.trim());
  const matches = resources.filter((resource) => {
    const haystack = fold([resource.title, resource.id, ...(resource.topics ?? [])].join(' '));
    return words.every((word) => haystack.includes(word));
  });
  const starts = (resource: T) => (q && fold(resource.title).startsWith(q) ? 0 : 1);
  return matches.sort((a, b) => starts(a) - starts(b) || a.title.localeCompare(b.title)).slice(0, limit);
}

/** The title a resource pin shows: its own, else the catalogue's, else its id (pins made by id before titles). */
export function pinnedResourceTitle(pin: Pin, catalogueTitles: ReadonlyMap<string, string>): string {
  return pin.title || (pin.resourceId ? (catalogueTitles.get(pin.resourceId) ?? pin.resourceId) : '');
}
