import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCatalogue, buildFiles } from '@mop/content';
import type { Catalogue } from '@mop/shared';
import type { BlobStore } from './blob-store.ts';
import type { ResourceStore } from './store.ts';

interface StarterLibrary {
  catalogue: Catalogue;
  /** File bytes by file name (names are unique across the starter library: `<resourceId>.<ext>`). */
  files: Map<string, Uint8Array>;
}

let starterBuild: Promise<StarterLibrary> | null = null;

/**
 * Generates the starter library's files (PDF, DOCX, PPTX, Markdown) and catalogue once per process and keeps the
 * few hundred kilobytes in memory, so every server started by the tests does not pay the second it takes again.
 */
function buildStarterLibrary(): Promise<StarterLibrary> {
  starterBuild ??= (async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mop-starter-library-'));
    try {
      const built = await buildFiles({ outDir });
      const { catalogue } = buildCatalogue({ filesDir: outDir, requireFiles: true });
      const files = new Map(built.map((file) => [file.name, new Uint8Array(fs.readFileSync(file.path))]));
      return { catalogue, files };
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  })();
  starterBuild.catch(() => {
    starterBuild = null;
  });
  return starterBuild;
}

/** What `seedStarterLibrary` imported, or null when the repository already had content. */
export interface SeededLibrary {
  resources: number;
  files: number;
  packs: number;
}

/**
 * Imports the starter library (sample content labelled `sample: true`) into an empty learning repository: blobs
 * first (content-addressed, so a rerun after a crash just finds them), then every row in one transaction. Does
 * nothing when any resource or collection exists, so restarts and admins' own content are left alone.
 *
 * With `intoExisting`, an admin installs it later beside their own content: every starter collection, resource and
 * pack that is missing is added, and those the admin removed earlier (retired, unpublished) are brought back; what
 * exists and is in use is left as it is.
 */
export async function seedStarterLibrary(
  store: ResourceStore,
  blobs: BlobStore,
  options: { intoExisting?: boolean } = {}
): Promise<SeededLibrary | null> {
  if (!options.intoExisting && !store.isEmpty()) return null;
  const { catalogue, files } = await buildStarterLibrary();
  if (!options.intoExisting && !store.isEmpty()) return null;

  for (const resource of catalogue.resources) {
    if (store.getResource(resource.id)) continue;
    for (const file of resource.files) {
      const bytes = files.get(file.name);
      if (!bytes) throw new Error(`starter library: no bytes for ${file.name}`);
      const stored = blobs.putBytes(bytes);
      if (stored !== file.sha256) throw new Error(`starter library: ${file.name} changed between hashing and storing`);
    }
  }

  return store.transaction(() => {
    if (!options.intoExisting && !store.isEmpty()) return null;
    const existing = new Map(store.listAllCollections().map((stored) => [stored.collection.id, stored]));
    let position = Math.max(-1, ...[...existing.values()].map((stored) => stored.position)) + 1;
    for (const collection of catalogue.collections) {
      const found = existing.get(collection.id);
      if (!found) store.putCollection(collection, position++);
      else if (found.retiredAt) store.setCollectionRetired(collection.id, null);
    }
    let resourceCount = 0;
    let fileCount = 0;
    for (const { id, version, files: resourceFiles, ...metadata } of catalogue.resources) {
      const found = store.getResource(id);
      if (found) {
        if (found.status === 'retired' && found.metadata.sample) {
          store.updateResource({ id, status: 'active', version: found.version + 1, metadata: found.metadata });
          resourceCount++;
        }
        continue;
      }
      store.insertResource({ id, status: 'active', version, metadata });
      resourceCount++;
      for (const file of resourceFiles) {
        store.putFile({
          resourceId: id,
          name: file.name,
          mediaType: file.mediaType,
          size: file.size,
          sha256: file.sha256
        });
        fileCount++;
      }
    }
    let packCount = 0;
    for (const { updatedAt: _updatedAt, ...pack } of catalogue.packs) {
      const found = store.getPack(pack.id);
      if (!found) store.insertPack({ ...pack, published: true });
      else if (!found.published) store.updatePack({ ...found, version: found.version + 1, published: true });
      else continue;
      packCount++;
    }
    return { resources: resourceCount, files: fileCount, packs: packCount };
  });
}
