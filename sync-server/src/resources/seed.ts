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
 */
export async function seedStarterLibrary(store: ResourceStore, blobs: BlobStore): Promise<SeededLibrary | null> {
  if (!store.isEmpty()) return null;
  const { catalogue, files } = await buildStarterLibrary();
  if (!store.isEmpty()) return null;

  for (const resource of catalogue.resources) {
    for (const file of resource.files) {
      const bytes = files.get(file.name);
      if (!bytes) throw new Error(`starter library: no bytes for ${file.name}`);
      const stored = blobs.putBytes(bytes);
      if (stored !== file.sha256) throw new Error(`starter library: ${file.name} changed between hashing and storing`);
    }
  }

  return store.transaction(() => {
    if (!store.isEmpty()) return null;
    catalogue.collections.forEach((collection, position) => store.putCollection(collection, position));
    let fileCount = 0;
    for (const { id, version, files: resourceFiles, ...metadata } of catalogue.resources) {
      store.insertResource({ id, status: 'active', version, metadata });
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
    for (const { updatedAt: _updatedAt, ...pack } of catalogue.packs) store.insertPack({ ...pack, published: true });
    return { resources: catalogue.resources.length, files: fileCount, packs: catalogue.packs.length };
  });
}
