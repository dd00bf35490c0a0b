import type { Collection, Resource } from '@mop/shared';

export type ResourceStatus = 'active' | 'retired';

/** A resource's metadata as stored: everything of the wire `Resource` except its id, version and files. */
export type ResourceMetadata = Omit<Resource, 'id' | 'version' | 'files'>;

/** The metadata of one stored file; the bytes are the blob named by `sha256`. */
export interface StoredFile {
  resourceId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface StoredResource {
  id: string;
  status: ResourceStatus;
  version: number;
  metadata: ResourceMetadata;
  /** In upload order. */
  files: StoredFile[];
  /** ISO timestamp of the last change to the row or its files. */
  changedAt: string;
}

export interface StoredCollection {
  collection: Collection;
  position: number;
  /** ISO timestamp; null while the collection is in use. */
  retiredAt: string | null;
}

export interface StoredPack {
  id: string;
  version: number;
  title: string;
  purpose: string;
  language: string;
  resourceIds: string[];
  published: boolean;
  /** ISO timestamp of the last change. */
  changedAt: string;
}

/**
 * Everything the learning repository persists except file bytes (see `BlobStore`), behind one small interface so
 * another engine can replace SQLite without touching the handlers. Methods are synchronous, like `MopStore`.
 * Writers keep the domain rules (versions, validation) in `ResourceLibrary`; the store only reads and writes rows.
 */
export interface ResourceStore {
  /** True when neither a resource nor a collection exists yet. */
  isEmpty(): boolean;
  /** Runs `fn` in one transaction: everything it writes lands, or nothing does. */
  transaction<T>(fn: () => T): T;

  /** The collections in use (not retired), in order: what the catalogue lists and resources may belong to. */
  listCollections(): Collection[];
  /** A collection in use (null when unknown or retired). */
  getCollection(id: string): Collection | null;
  /** Inserts or replaces a collection (its retirement is kept). */
  putCollection(collection: Collection, position: number): void;
  /** Every collection, retired ones included, in order: the library administration's list. */
  listAllCollections(): StoredCollection[];
  /** Retires (`retiredAt`) or restores (null) a collection; false when it does not exist. */
  setCollectionRetired(id: string, retiredAt: string | null): boolean;

  listResources(): StoredResource[];
  getResource(id: string): StoredResource | null;
  /** Inserts a resource; false when the id is taken. */
  insertResource(resource: Omit<StoredResource, 'files' | 'changedAt'>): boolean;
  updateResource(resource: Omit<StoredResource, 'files' | 'changedAt'>): void;

  /** Adds a file to a resource or replaces the one of the same name; returns the replaced file's hash, if any. */
  putFile(file: StoredFile): string | null;
  /** Whether any file row still points at a blob (before deleting the blob). */
  isBlobReferenced(sha256: string): boolean;
  countFiles(): number;

  listPacks(): StoredPack[];
  getPack(id: string): StoredPack | null;
  /** Inserts a pack; false when the id is taken. */
  insertPack(pack: Omit<StoredPack, 'changedAt'>): boolean;
  updatePack(pack: Omit<StoredPack, 'changedAt'>): void;
}
