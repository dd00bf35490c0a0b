import { apiPaths, PackListSchema, type PackDetail } from '@mop/shared';
import { browser } from '$app/environment';
import { NetworkError } from '$lib/services/api';
import { learnRequest } from './learn-api';
import type { StoredPack } from './learning-db';
import { storedPacks } from './pack-download.service';

/** Packs as the server lists them, or, offline, the packs held on this device; with the device's records. */
export async function listPacks(
  doFetch?: typeof fetch
): Promise<{ packs: PackDetail[]; records: StoredPack[]; offline: boolean }> {
  // Server rendering (the public pack list) has no device and no records.
  const records = browser ? await storedPacks() : [];
  try {
    const { packs } = await learnRequest(apiPaths.packs(), PackListSchema, { fetch: doFetch });
    return { packs, records, offline: false };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    return {
      packs: records.map((record) => ({ pack: record.pack, manifest: record.manifest, published: true })),
      records,
      offline: true
    };
  }
}
