import { loadCatalogue } from '$lib/learning/catalogue.service';
import type { PageLoad } from './$types';

/**
 * The learning catalogue for the shelf's resource picker and the titles of resources pinned by id: the copy on this
 * device when offline; none when it was never fetched (`catalogueHere` false), which the page explains.
 */
export const load: PageLoad = async ({ fetch }) => {
  try {
    const { resources } = await loadCatalogue({ fetch });
    return { resources: resources.map(({ id, title, topics }) => ({ id, title, topics })), catalogueHere: true };
  } catch {
    return { resources: [], catalogueHere: false };
  }
};
