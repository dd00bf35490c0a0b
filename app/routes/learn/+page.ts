import { browser } from '$app/environment';
import { loadCatalogue } from '$lib/learning/catalogue.service';
import { offlineResourceIds } from '$lib/learning/pack-download.service';
import { loadErrorMessage } from '$lib/learning/load-errors';
import type { PageLoad } from './$types';

/** The catalogue (asked again from the server on each visit to this page, cached for offline) and what is offline. */
export const load: PageLoad = async ({ fetch }) => {
  try {
    const [catalogue, offlineIds] = await Promise.all([
      loadCatalogue({ refresh: true, fetch }),
      // Server rendering has no device, so nothing is offline there.
      browser ? offlineResourceIds() : new Set<string>()
    ]);
    return { catalogue, offlineIds, error: null };
  } catch (error) {
    return { catalogue: null, offlineIds: new Set<string>(), error: await loadErrorMessage(error) };
  }
};
