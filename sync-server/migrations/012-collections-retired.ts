import type { Migration } from './types.ts';

/**
 * Learning-library administration on a real install: a collection can be retired (hidden from the catalogue, kept
 * with its history and restorable) like a resource. Null while it is in use.
 */
export const migration: Migration = {
  version: 12,
  name: 'collections-retired',
  up(db) {
    db.exec('ALTER TABLE resource_collections ADD COLUMN retired_at TEXT');
  }
};
