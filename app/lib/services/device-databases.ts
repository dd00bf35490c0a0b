/**
 * Whether this device holds the IndexedDB database `name`, asked without opening it (opening creates it). The public
 * pages use it to leave Dexie, Yjs and the rest of the signed-in machinery out of a visitor's download: a device
 * without the database has no saved identity, progress or certificates to read.
 *
 * Answers true when the browser cannot tell (no `indexedDB.databases()`, or it fails), so the caller takes the full
 * path, which also reports a storage problem to the person.
 */
export async function databaseExists(name: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((database) => database.name === name);
  } catch {
    return true;
  }
}

/** The signed-in user's database on this device (storage.service.ts). */
export const DEVICE_DATABASE = 'mop';
/** The learning center's database: progress, certificates and packs, kept across sign-outs (learning-db.ts). */
export const LEARNING_DATABASE = 'mop-learning';
