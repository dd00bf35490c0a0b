import { browser } from '$app/environment';
import { ApiRequestError, NetworkError } from '$lib/services/api';
import { loadCatalogue } from '$lib/learning/catalogue.service';
import { fetchPackDetail, storedPack } from '$lib/learning/pack-download.service';
import { loadErrorMessage, notFoundOnServer } from '$lib/learning/load-errors';
import { m } from '$lib/paraglide/messages.js';
import type { PageLoad } from './$types';

/** The pack and its manifest from the server, or as stored on this device when offline; and the device's record. */
export const load: PageLoad = async ({ params, fetch }) => {
  // Server rendering has no device, so no record of a pack held on it.
  const record = (browser ? await storedPack(params.id) : undefined) ?? null;
  const resources = await loadCatalogue({ fetch })
    .then((catalogue) => catalogue.resources)
    .catch(() => record?.resources ?? []);
  try {
    const detail = await fetchPackDetail(params.id, fetch);
    return { id: params.id, detail, record, resources, offline: false, error: null };
  } catch (error) {
    if (error instanceof NetworkError && record) {
      return {
        id: params.id,
        detail: { pack: record.pack, manifest: record.manifest, published: true },
        record,
        resources,
        offline: true,
        error: null
      };
    }
    if (error instanceof ApiRequestError && error.status === 404) notFoundOnServer();
    const message = error instanceof NetworkError ? m.learn_pack_unavailable_offline() : await loadErrorMessage(error);
    return { id: params.id, detail: null, record, resources, offline: error instanceof NetworkError, error: message };
  }
};
