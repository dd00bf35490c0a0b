import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import {
  CATALOGUE_FORMAT_VERSION,
  CatalogueSchema,
  PackManifestSchema,
  type Catalogue,
  type PackManifest,
  type Resource,
  type ResourceFile,
  apiPaths
} from '@mop/shared';
import { sha256Hex } from './build-files.ts';
import { plannedFiles } from './formats.ts';
import { loadLibrary, type Library } from './load.ts';

export interface BuildCatalogueOptions {
  /** Where `buildFiles` wrote the generated files. Files found there are listed with their size and hash. */
  filesDir: string;
  /** The library; loaded from the starter library when omitted. */
  library?: Library;
  /** The URL the app fetches a file from. Defaults to `/api/resources/<resourceId>/files/<name>`. */
  fileUrl?: (resourceId: string, name: string) => string;
  /** Throw if any planned file is missing from `filesDir` instead of leaving it out. Default false. */
  requireFiles?: boolean;
  /** Defaults to the latest `updatedAt` of any resource or pack, so the same library gives the same catalogue. */
  generatedAt?: string;
}

export interface BuiltCatalogue {
  catalogue: Catalogue;
  /** One per pack, in the catalogue's pack order. */
  manifests: PackManifest[];
  /** Planned files not found in `filesDir`, as `<resourceId>/<name>`; empty once `buildFiles` has run. */
  missingFiles: string[];
}

/** The default URL scheme for resource files on the MOP server. */
export function defaultFileUrl(resourceId: string, name: string): string {
  return apiPaths.resourceFile(resourceId, name);
}

/**
 * Builds the validated `Catalogue` the server serves and the app caches, plus one manifest per pack with every
 * file's size and SHA-256 and the pack's total size. A plain function with no server dependency: the server calls
 * it at startup to seed its database, after `buildFiles` has written the files to `filesDir`.
 *
 * @throws LibraryError if the library is invalid; Error if `requireFiles` and a file is missing
 */
export function buildCatalogue(options: BuildCatalogueOptions): BuiltCatalogue {
  const library = options.library ?? loadLibrary();
  const fileUrl = options.fileUrl ?? defaultFileUrl;
  const missingFiles: string[] = [];

  const resources: Resource[] = library.resources.map(({ sourceFile: _sourceFile, ...resource }) => {
    const files: ResourceFile[] = [];
    for (const planned of plannedFiles(resource)) {
      const path = join(options.filesDir, planned.name);
      if (!existsSync(path)) {
        missingFiles.push(`${resource.id}/${planned.name}`);
        continue;
      }
      const bytes = readFileSync(path);
      files.push({
        name: planned.name,
        mediaType: planned.mediaType,
        size: bytes.byteLength,
        sha256: sha256Hex(bytes),
        url: fileUrl(resource.id, planned.name)
      });
    }
    return { ...resource, files };
  });
  if (options.requireFiles === true && missingFiles.length > 0) {
    throw new Error(
      `missing generated files in ${options.filesDir} (run the content build): ${missingFiles.join(', ')}`
    );
  }

  const dates = [
    ...library.resources.map((r) => r.updatedAt),
    ...library.packs.map((p) => p.updatedAt),
    ...library.modules.map((m) => m.updatedAt)
  ].sort();
  const catalogue = v.parse(CatalogueSchema, {
    formatVersion: CATALOGUE_FORMAT_VERSION,
    generatedAt: options.generatedAt ?? `${dates[dates.length - 1] ?? '2025-01-01'}T00:00:00.000Z`,
    collections: [...library.collections].sort((a, b) => a.order - b.order),
    resources,
    packs: library.packs,
    modules: library.modules
  });

  const byId = new Map(catalogue.resources.map((r) => [r.id, r]));
  const manifests = catalogue.packs.map((pack) => {
    const files = pack.resourceIds.flatMap((id) =>
      (byId.get(id)?.files ?? []).map((f) => ({
        resourceId: id,
        path: `${id}/${f.name}`,
        url: f.url,
        size: f.size,
        sha256: f.sha256,
        mediaType: f.mediaType
      }))
    );
    return v.parse(PackManifestSchema, {
      packId: pack.id,
      version: pack.version,
      files,
      totalBytes: files.reduce((sum, f) => sum + f.size, 0)
    });
  });
  return { catalogue, manifests, missingFiles };
}
