import type Database from 'better-sqlite3';
import type { BlobStore } from '../resources/index.ts';

/**
 * Deletes the stored bytes of pair files whose rows are gone, unless another row (the same file uploaded again, in
 * this pair or another) still uses them. Call after the rows were deleted (one file, a person's files, a pair's).
 */
export function deleteUnusedPairBlobs(db: Database.Database, blobs: BlobStore, sha256s: Iterable<string>): void {
  const stillUsed = db.prepare('SELECT 1 FROM pair_files WHERE sha256 = ? LIMIT 1');
  for (const sha256 of new Set(sha256s)) if (!stillUsed.get(sha256)) blobs.delete(sha256);
}
