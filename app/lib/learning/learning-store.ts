import { LEARNING_DATABASE, databaseExists } from '$lib/services/device-databases';
import type { LearningDatabase } from './learning-db';

let loading: Promise<LearningDatabase> | null = null;

/**
 * The learning center's database. Dexie is loaded on first use, not with the page: the public pages stay within
 * their JavaScript budget (docs/benchmarks.md, "Web") and a visitor who stores nothing never downloads it.
 */
export function learningDb(): Promise<LearningDatabase> {
  loading ??= import('./learning-db').then(({ openLearningDatabase }) => openLearningDatabase());
  // A failed download (offline with an old cache) must not stick for the whole visit.
  loading.catch(() => (loading = null));
  return loading;
}

/**
 * The database when this device has one, else null, without creating it: for reads (progress, certificates, packs),
 * which find nothing on a device where nothing was ever stored.
 */
export async function existingLearningDb(): Promise<LearningDatabase | null> {
  if (loading || (await databaseExists(LEARNING_DATABASE))) return learningDb();
  return null;
}
