import {
  CATALOGUE_FORMAT_VERSION,
  CatalogueSchema,
  type Catalogue,
  type Collection,
  type LearningModule,
  type Pack,
  type Resource,
  apiPaths
} from '@mop/shared';
import { browser } from '$app/environment';
import { NetworkError } from '$lib/services/api';
import { readJsonAnswer } from './learn-api';
import { existingLearningDb } from './learning-store';

/** What the learning center shows: the cached catalogue plus the resources of packs held on this device. */
export interface LocalCatalogue {
  collections: Collection[];
  resources: Resource[];
  packs: Pack[];
  /** Self-learning modules (from the cached catalogue; none when only imported packs are known). */
  modules: LearningModule[];
  /** When the catalogue was last fetched from the server; null when only imported packs are known. */
  savedAt: string | null;
  /** True when the server could not be asked this time and the copy on the device is shown. */
  fromDevice: boolean;
}

let memo: Promise<LocalCatalogue> | null = null;

/**
 * The last catalogue the server sent is kept as an answer in Cache Storage (beside the packs' files), with its ETag so
 * the next visit can ask `If-None-Match`. Not in IndexedDB: reading and writing it needs no library, so the public
 * pages work offline without downloading Dexie. No Cache Storage (a page served over plain http) means no copy.
 */
const CATALOGUE_CACHE = 'mop-catalogue';

interface StoredCatalogue {
  etag: string | null;
  catalogue: Catalogue;
  savedAt: string;
}

async function readStoredCatalogue(): Promise<StoredCatalogue | undefined> {
  if (typeof caches === 'undefined') return undefined;
  try {
    const answer = await (await caches.open(CATALOGUE_CACHE)).match(apiPaths.catalogue());
    if (!answer) return undefined;
    const catalogue = (await answer.json()) as Catalogue;
    // A copy made by an older version of the app is not read: the next answer from the server replaces it.
    if (catalogue.formatVersion !== CATALOGUE_FORMAT_VERSION) return undefined;
    const savedAt = answer.headers.get('x-mop-saved-at') ?? new Date(0).toISOString();
    return { etag: answer.headers.get('etag'), catalogue, savedAt };
  } catch (error) {
    console.warn('MOP: could not read the catalogue kept on this device', error);
    return undefined;
  }
}

async function storeCatalogue(stored: StoredCatalogue): Promise<void> {
  if (typeof caches === 'undefined') return;
  const headers = new Headers({ 'content-type': 'application/json', 'x-mop-saved-at': stored.savedAt });
  if (stored.etag) headers.set('etag', stored.etag);
  try {
    const cache = await caches.open(CATALOGUE_CACHE);
    await cache.put(apiPaths.catalogue(), new Response(JSON.stringify(stored.catalogue), { headers }));
  } catch (error) {
    // A full disk: this visit still shows the catalogue; offline, the device's older copy (if any) is shown.
    console.warn('MOP: could not keep the catalogue on this device', error);
  }
}

/**
 * The catalogue for this visit: asked once from the server (`If-None-Match` with the cached ETag, so an unchanged
 * catalogue costs a 304), cached in IndexedDB so the learning center opens offline, and merged with the resources of
 * packs imported on this device. Pass `refresh` to ask the server again.
 */
export function loadCatalogue(options: { refresh?: boolean; fetch?: typeof fetch } = {}): Promise<LocalCatalogue> {
  // Server rendering (public pages): no IndexedDB and no memo shared between visitors; the live catalogue each time.
  if (!browser) return fetchFromServer(options.fetch ?? fetch);
  if (!memo || options.refresh) {
    const pending = fetchAndMerge(options.fetch ?? fetch);
    memo = pending;
    // A failure must not stick for the whole visit.
    pending.catch(() => {
      if (memo === pending) memo = null;
    });
  }
  return memo;
}

/** Forgets this visit's copy, e.g. after a pack was imported or a coordinator changed a resource. */
export function invalidateCatalogue(): void {
  memo = null;
}

async function fetchAndMerge(doFetch: typeof fetch): Promise<LocalCatalogue> {
  let stored = await readStoredCatalogue();
  let fromDevice = true;
  try {
    // A fetch that never reached the server is a NetworkError, so the page can say "offline" rather than "Failed to fetch".
    const response = await doFetch(apiPaths.catalogue(), {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: stored?.etag
        ? { accept: 'application/json', 'if-none-match': stored.etag }
        : { accept: 'application/json' }
    }).catch((error: unknown) => {
      throw new NetworkError(error);
    });
    if (response.status === 304 && stored) {
      fromDevice = false;
    } else {
      const catalogue = await readJsonAnswer(response, CatalogueSchema);
      stored = { etag: response.headers.get('etag'), catalogue, savedAt: new Date().toISOString() };
      await storeCatalogue(stored);
      fromDevice = false;
    }
  } catch (error) {
    // Offline or the server is down: the copy on the device (if any) is what the visitor gets.
    if (!stored && !(await hasStoredPacks())) throw error;
  }
  return mergeWithPacks(stored?.catalogue ?? null, stored?.savedAt ?? null, fromDevice);
}

async function fetchFromServer(doFetch: typeof fetch): Promise<LocalCatalogue> {
  const response = await doFetch('/api/catalogue', { headers: { accept: 'application/json' } });
  const catalogue = await readJsonAnswer(response, CatalogueSchema);
  const { collections, resources, packs, modules } = catalogue;
  return { collections, resources, packs, modules, savedAt: null, fromDevice: false };
}

async function hasStoredPacks(): Promise<boolean> {
  return ((await (await existingLearningDb())?.packs.count()) ?? 0) > 0;
}

async function mergeWithPacks(
  catalogue: Catalogue | null,
  savedAt: string | null,
  fromDevice: boolean
): Promise<LocalCatalogue> {
  const records = (await (await existingLearningDb())?.packs.toArray()) ?? [];
  const resources = new Map((catalogue?.resources ?? []).map((resource) => [resource.id, resource]));
  const packs = new Map((catalogue?.packs ?? []).map((pack) => [pack.id, pack]));
  for (const record of records) {
    for (const resource of record.resources) if (!resources.has(resource.id)) resources.set(resource.id, resource);
    if (!packs.has(record.packId)) packs.set(record.packId, record.pack);
  }
  return {
    collections: catalogue?.collections ?? [],
    resources: [...resources.values()],
    packs: [...packs.values()],
    modules: catalogue?.modules ?? [],
    savedAt,
    fromDevice
  };
}
