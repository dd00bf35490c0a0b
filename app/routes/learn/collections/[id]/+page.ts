import { browser } from '$app/environment';
import { loadCatalogue } from '$lib/learning/catalogue.service';
import { offlineResourceIds } from '$lib/learning/pack-download.service';
import { isHttpError } from '@sveltejs/kit';
import { loadErrorMessage, notFoundOnServer } from '$lib/learning/load-errors';
import type { PageLoad } from './$types';

/** One collection of the catalogue with its resources, phase by phase. */
export const load: PageLoad = async ({ params, fetch }) => {
  try {
    const [catalogue, offlineIds] = await Promise.all([
      loadCatalogue({ fetch }),
      // Server rendering has no device, so nothing is offline there.
      browser ? offlineResourceIds() : new Set<string>()
    ]);
    const collection = catalogue.collections.find((candidate) => candidate.id === params.id) ?? null;
    if (!collection) notFoundOnServer();
    const resources = collection ? catalogue.resources.filter((resource) => resource.collection === collection.id) : [];
    return { id: params.id, collection, resources, offlineIds, error: null };
  } catch (error) {
    if (isHttpError(error)) throw error;
    return {
      id: params.id,
      collection: null,
      resources: [],
      offlineIds: new Set<string>(),
      error: await loadErrorMessage(error)
    };
  }
};
