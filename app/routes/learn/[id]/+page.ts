import { browser } from '$app/environment';
import { loadCatalogue } from '$lib/learning/catalogue.service';
import { offlineResourceIds } from '$lib/learning/pack-download.service';
import { inPackCache } from '$lib/learning/pack-files';
import { isHttpError } from '@sveltejs/kit';
import { loadErrorMessage, notFoundOnServer } from '$lib/learning/load-errors';
import type { PageLoad } from './$types';

/** One resource from the local catalogue, and whether it is fully held on this device. */
export const load: PageLoad = async ({ params, fetch }) => {
  try {
    const catalogue = await loadCatalogue({ fetch });
    const resource = catalogue.resources.find((candidate) => candidate.id === params.id) ?? null;
    if (!resource) notFoundOnServer();
    let offline = false;
    // Server rendering has no device, so nothing is held offline there.
    if (resource && browser) {
      const held = await Promise.all(resource.files.map((file) => inPackCache(file)));
      offline = held.every(Boolean) && (resource.files.length > 0 || (await offlineResourceIds()).has(resource.id));
    }
    const translations = resource
      ? catalogue.resources.filter(
          (other) =>
            other.id !== resource.id &&
            (other.translationOf === resource.id ||
              other.id === resource.translationOf ||
              (resource.translationOf !== undefined && other.translationOf === resource.translationOf))
        )
      : [];
    // The server renders the body into the page; the browser leaves it to ResourceBody, which loads the renderer
    // (marked and DOMPurify) only when it has a body to render itself.
    const bodyHtml =
      !browser && resource?.body ? (await import('$lib/learning/markdown')).renderMarkdown(resource.body) : null;
    return { id: params.id, resource, offline, translations, bodyHtml, error: null };
  } catch (error) {
    if (isHttpError(error)) throw error;
    return {
      id: params.id,
      resource: null,
      offline: false,
      translations: [],
      bodyHtml: null,
      error: await loadErrorMessage(error)
    };
  }
};
