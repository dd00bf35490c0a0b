import { listPacks } from '$lib/learning/packs.service';
import { loadErrorMessage } from '$lib/learning/load-errors';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  try {
    return { ...(await listPacks(fetch)), error: null };
  } catch (error) {
    return { packs: [], records: [], offline: false, error: await loadErrorMessage(error) };
  }
};
