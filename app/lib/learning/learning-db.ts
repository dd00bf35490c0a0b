import Dexie, { type EntityTable } from 'dexie';
import type { Catalogue, Pack, PackManifest, Resource } from '@mop/shared';

/**
 * The learning center's own IndexedDB database. It is separate from the `mop` database on purpose: the catalogue
 * and offline packs are public content that belongs to the device, not to the signed-in user, so signing out (which
 * clears the user's data) must not throw away a facilitator's workshop packs; and its schema evolves on its own.
 */

/** The last catalogue the server sent, with its ETag so the next visit can ask `If-None-Match`. */
export interface StoredCatalogue {
  key: 'current';
  etag: string | null;
  catalogue: Catalogue;
  savedAt: string;
}

export type PackFileStatus = 'pending' | 'partial' | 'done' | 'failed';

export interface StoredPackFile {
  resourceId: string;
  path: string;
  url: string;
  size: number;
  sha256: string;
  mediaType: string;
  status: PackFileStatus;
}

export type StoredPackStatus = 'downloading' | 'interrupted' | 'complete' | 'error';

/** A pack held (or being fetched) on this device; its files live in Cache Storage under `PACK_CACHE`. */
export interface StoredPack {
  packId: string;
  version: number;
  pack: Pack;
  manifest: PackManifest;
  /** The pack's resources as they were when stored, so the pack opens even with no cached catalogue (zip import). */
  resources: Resource[];
  files: StoredPackFile[];
  status: StoredPackStatus;
  source: 'download' | 'import';
  error: string | null;
  updatedAt: string;
}

/** The bytes of a file whose download was cut short, kept so the next attempt asks only for the rest (Range). */
export interface StoredPartialFile {
  url: string;
  sha256: string;
  bytes: Blob;
}

class LearningDatabase extends Dexie {
  catalogue!: EntityTable<StoredCatalogue, 'key'>;
  packs!: EntityTable<StoredPack, 'packId'>;
  partials!: EntityTable<StoredPartialFile, 'url'>;

  constructor() {
    super('mop-learning');
    this.version(1).stores({ catalogue: 'key', packs: 'packId', partials: 'url' });
  }
}

let database: LearningDatabase | null = null;

/** The learning center's Dexie database, opened on first use. */
export function learningDb(): LearningDatabase {
  database ??= new LearningDatabase();
  return database;
}
