import type { Migration } from './types.ts';

/**
 * The learning repository: collections, resources (metadata as validated JSON plus the columns queries need), the
 * files of each resource (metadata only; the bytes are content-addressed blobs under `<dataDir>/blobs`) and packs.
 */
export const migration: Migration = {
  version: 2,
  name: 'resources',
  up(db) {
    db.exec(`
      CREATE TABLE resource_collections (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE resources (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('active', 'retired')) DEFAULT 'active',
        version INTEGER NOT NULL CHECK (version >= 1),
        metadata TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE resource_files (
        resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        created_at TEXT NOT NULL,
        PRIMARY KEY (resource_id, name)
      );
      CREATE INDEX resource_files_sha256 ON resource_files(sha256);

      CREATE TABLE packs (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version >= 1),
        title TEXT NOT NULL,
        purpose TEXT NOT NULL,
        language TEXT NOT NULL,
        resource_ids TEXT NOT NULL,
        published INTEGER NOT NULL CHECK (published IN (0, 1)) DEFAULT 0,
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  }
};
