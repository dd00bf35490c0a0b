import { listPacks } from '$lib/learning/packs.service';
import { storedPacks } from '$lib/learning/pack-download.service';
import type { PageLoad } from './$types';

async function estimate(): Promise<{ quota: number; usage: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  try {
    const { quota, usage } = await navigator.storage.estimate();
    return quota === undefined ? null : { quota, usage: usage ?? 0 };
  } catch {
    return null;
  }
}

/** The packs on this device, the latest version of each the server offers (when online), and the storage estimate. */
export const load: PageLoad = async ({ fetch }) => {
  const latest = new Map<string, number>();
  try {
    const listed = await listPacks(fetch);
    if (!listed.offline) for (const { pack } of listed.packs) latest.set(pack.id, pack.version);
  } catch (error) {
    console.warn('MOP: could not ask which pack versions are current', error);
  }
  return { records: await storedPacks(), latest, storage: await estimate() };
};
