import {
  CATALOGUE_FORMAT_VERSION,
  type Catalogue,
  type LearningModule,
  type Pack,
  type PackDetail,
  type PackManifest,
  type Resource,
  type ResourceDetail,
  type ResourceFile,
  apiPaths
} from '@mop/shared';
import type { ResourceStore, StoredFile, StoredPack, StoredResource } from './store.ts';

/** Where the app fetches a file; the same scheme as `@mop/content`'s `defaultFileUrl`. */
function fileUrl(resourceId: string, name: string): string {
  return apiPaths.resourceFile(resourceId, name);
}

export function toWireFile(file: StoredFile): ResourceFile {
  return {
    name: file.name,
    mediaType: file.mediaType,
    size: file.size,
    sha256: file.sha256,
    url: fileUrl(file.resourceId, file.name)
  };
}

export function toWireResource(resource: StoredResource): ResourceDetail {
  const wire: Resource = {
    ...resource.metadata,
    id: resource.id,
    version: resource.version,
    files: resource.files.map(toWireFile)
  };
  return { ...wire, status: resource.status };
}

/**
 * Whether a resource is listed in the catalogue: active, and with something to open. A file resource created by a
 * coordinator stays out until its first file is uploaded.
 */
export function isListed(resource: StoredResource): boolean {
  const { body, externalUrl } = resource.metadata;
  return (
    resource.status === 'active' &&
    ((body ?? '').trim() !== '' || resource.files.length > 0 || externalUrl !== undefined)
  );
}

/** The wire `Pack`, listing only the resources that are in the catalogue. */
function toWirePack(pack: StoredPack, listed: ReadonlyMap<string, StoredResource>): Pack {
  return {
    id: pack.id,
    title: pack.title,
    purpose: pack.purpose,
    version: pack.version,
    updatedAt: pack.changedAt.slice(0, 10),
    resourceIds: pack.resourceIds.filter((id) => listed.has(id)),
    language: pack.language
  };
}

/** Every file a device needs to hold a pack offline, with sizes and hashes to check. */
function packManifest(pack: StoredPack, listed: ReadonlyMap<string, StoredResource>): PackManifest {
  const files = pack.resourceIds.flatMap((id) =>
    (listed.get(id)?.files ?? []).map((file) => ({
      resourceId: id,
      path: `${id}/${file.name}`,
      url: fileUrl(id, file.name),
      size: file.size,
      sha256: file.sha256,
      mediaType: file.mediaType
    }))
  );
  return { packId: pack.id, version: pack.version, files, totalBytes: files.reduce((sum, file) => sum + file.size, 0) };
}

/** The listed resources by id. */
export function listedResources(store: ResourceStore): Map<string, StoredResource> {
  return new Map(
    store
      .listResources()
      .filter(isListed)
      .map((resource) => [resource.id, resource])
  );
}

export function packDetail(pack: StoredPack, listed: ReadonlyMap<string, StoredResource>): PackDetail {
  return { pack: toWirePack(pack, listed), manifest: packManifest(pack, listed), published: pack.published };
}

/**
 * The catalogue `GET /api/catalogue` serves: collections, listed resources, the published packs that still hold
 * a listed resource, and the self-learning modules. `generatedAt` is the time of the latest change, so an unchanged library gives the same bytes
 * (and the same ETag).
 */
export function buildCatalogue(store: ResourceStore, modules: LearningModule[] = []): Catalogue {
  const all = store.listResources();
  const listed = new Map(all.filter(isListed).map((resource) => [resource.id, resource]));
  const packs = store.listPacks();
  const stamps = [...all.map((r) => r.changedAt), ...packs.map((p) => p.changedAt)].sort();
  return {
    formatVersion: CATALOGUE_FORMAT_VERSION,
    generatedAt: stamps[stamps.length - 1] ?? '1970-01-01T00:00:00.000Z',
    collections: store.listCollections(),
    resources: [...listed.values()].map((resource) => {
      const { status: _status, ...wire } = toWireResource(resource);
      return wire;
    }),
    packs: packs
      .filter((pack) => pack.published)
      .map((pack) => toWirePack(pack, listed))
      .filter((pack) => pack.resourceIds.length > 0),
    modules
  };
}
