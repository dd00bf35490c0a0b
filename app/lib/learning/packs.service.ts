import * as v from 'valibot';
import { browser } from '$app/environment';
import { NetworkError } from '$lib/services/api';
import { learnRequest } from './learn-api';
import type { StoredPack } from './learning-db';
import { PackDetailSchema, storedPacks, type PackDetailAnswer } from './pack-download.service';

const PackListSchema = v.object({ packs: v.array(PackDetailSchema) });

/** Packs as the server lists them, or, offline, the packs held on this device; with the device's records. */
export async function listPacks(
  doFetch?: typeof fetch
): Promise<{ packs: PackDetailAnswer[]; records: StoredPack[]; offline: boolean }> {
  // Server rendering (the public pack list) has no device and no records.
  const records = browser ? await storedPacks() : [];
  try {
    const { packs } = await learnRequest('/api/packs', PackListSchema, { fetch: doFetch });
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
