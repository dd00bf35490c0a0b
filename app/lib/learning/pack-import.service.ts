import * as v from 'valibot';
import { unzipSync } from 'fflate';
import { PACK_ZIP_MANIFEST, PackManifestSchema, PackZipManifestSchema, describeIssues } from '@mop/shared';
import { invalidateCatalogue } from './catalogue.service';
import type { StoredPack } from './learning-db';
import { learningDb } from './learning-store';
import { FileCheckError, putInPackCache, verifyFile } from './pack-files';

/** A zip that cannot be imported; the message is meant for the person who chose the file. */
class PackImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackImportError';
  }
}

/**
 * Imports a pack zip made by "Download as .zip", with no network: reads `mop-pack.json`, checks every file against
 * its size and SHA-256, and only when all are good stores them in the pack cache and records the pack and its
 * resources on this device, so the pack and its pages open offline. The whole zip is read into memory (fflate's
 * `unzipSync`), which suits workshop packs of tens of megabytes, not gigabytes.
 */
export async function importPackZip(file: Blob): Promise<StoredPack> {
  let entries: Record<string, Uint8Array<ArrayBuffer>>;
  try {
    entries = unzipSync(new Uint8Array(await file.arrayBuffer())) as Record<string, Uint8Array<ArrayBuffer>>;
  } catch {
    throw new PackImportError('This file is not a zip archive, or it is damaged.');
  }
  const described = entries[PACK_ZIP_MANIFEST];
  if (!described) throw new PackImportError(`This zip is not a MOP pack: it has no ${PACK_ZIP_MANIFEST}.`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(described));
  } catch {
    throw new PackImportError(`${PACK_ZIP_MANIFEST} in this zip is not valid JSON.`);
  }
  const parsed = v.safeParse(PackZipManifestSchema, json);
  if (!parsed.success)
    throw new PackImportError(`${PACK_ZIP_MANIFEST} is not a MOP pack description: ${describeIssues(parsed.issues)}`);
  const { pack, resources, ...manifestFields } = parsed.output;
  const manifest = v.parse(PackManifestSchema, manifestFields);
  if (manifest.packId !== pack.id) throw new PackImportError(`${PACK_ZIP_MANIFEST} describes two different packs.`);

  for (const entry of manifest.files) {
    const bytes = entries[entry.path];
    if (!bytes) throw new PackImportError(`The zip is incomplete: ${entry.path} is missing.`);
    try {
      await verifyFile(entry, bytes);
    } catch (error) {
      if (error instanceof FileCheckError) throw new PackImportError(`The zip is corrupt: ${error.message}.`);
      throw error;
    }
  }
  for (const entry of manifest.files) await putInPackCache(entry, entries[entry.path]!);

  const record: StoredPack = {
    packId: pack.id,
    version: manifest.version,
    pack,
    manifest,
    resources,
    files: manifest.files.map((entry) => ({ ...entry, status: 'done' })),
    status: 'complete',
    source: 'import',
    error: null,
    updatedAt: new Date().toISOString()
  };
  await (await learningDb()).packs.put(record);
  invalidateCatalogue();
  return record;
}
