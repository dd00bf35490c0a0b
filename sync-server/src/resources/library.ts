import {
  DEFAULT_ATTRIBUTION,
  DEFAULT_LICENCE,
  type PackCreate,
  type PackDetail,
  type PackPatch,
  type ResourceCreate,
  type ResourceDetail,
  type ResourceFile,
  type ResourcePatch
} from '@mop/shared';
import { BlobStore, BlobTooLargeError, type PendingBlob } from './blob-store.ts';
import { FILE_NAME_PATTERN, ALLOWED_EXTENSIONS, allowedTypeOf } from './media-types.ts';
import type { ResourceMetadata, ResourceStore, StoredPack, StoredResource } from './store.ts';
import { isListed, listedResources, packDetail, toWireFile, toWireResource } from './wire.ts';
import { ApiRefusal } from '../http/refusal.ts';

/** Largest file a coordinator may upload. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** A refusal the HTTP layer turns into `{ error: { code, message } }` with `status`. */
class LibraryError extends ApiRefusal {
  constructor(status: 400 | 404 | 409 | 413 | 415, code: string, message: string) {
    super(status, code, message);
    this.name = 'LibraryError';
  }
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** A slug from a title: `Goal-setting worksheet (ES)` → `goal-setting-worksheet-es`. */
function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '');
  return slug === '' ? 'item' : slug;
}

/** The first free id: the given one (taken → 409), or one made from the title with `-2`, `-3`… if needed. */
function chooseId(given: string | undefined, title: string, taken: (id: string) => boolean, what: string): string {
  if (given !== undefined) {
    if (taken(given)) throw new LibraryError(409, 'id_taken', `id: a ${what} "${given}" already exists`);
    return given;
  }
  const base = slugify(title);
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken(id)) return id;
  }
}

export interface UploadRequest {
  resourceId: string;
  name: string;
  /** The request's `Content-Type`, if any. */
  contentType: string | undefined;
  /** The request's `Content-Length`, if any, checked before a byte is read. */
  contentLength: number | undefined;
  body: ReadableStream<Uint8Array> | null;
}

/**
 * The learning repository's rules on top of its storage: what the catalogue lists, how versions move (a resource's
 * on every change; a pack's when its resource list changes or one of its resources does, so devices holding it
 * offline see there is an update), and how uploads are checked and stored so that a refused or broken upload leaves
 * neither a blob nor a row.
 */
export class ResourceLibrary {
  constructor(
    readonly store: ResourceStore,
    readonly blobs: BlobStore,
    readonly maxUploadBytes = MAX_UPLOAD_BYTES
  ) {}

  resource(id: string, includeRetired: boolean): ResourceDetail | null {
    const resource = this.store.getResource(id);
    if (!resource || (resource.status !== 'active' && !includeRetired)) return null;
    return toWireResource(resource);
  }

  /** A file of a listed resource and where its bytes are. */
  file(resourceId: string, name: string): { file: ResourceFile; path: string } | null {
    const resource = this.store.getResource(resourceId);
    if (!resource || !isListed(resource)) return null;
    const file = resource.files.find((f) => f.name === name);
    return file ? { file: toWireFile(file), path: this.blobs.pathOf(file.sha256) } : null;
  }

  packs(includeDrafts: boolean): PackDetail[] {
    const listed = listedResources(this.store);
    return this.store
      .listPacks()
      .filter((pack) => pack.published || includeDrafts)
      .map((pack) => packDetail(pack, listed));
  }

  pack(id: string, includeDrafts: boolean): PackDetail | null {
    const pack = this.store.getPack(id);
    if (!pack || (!pack.published && !includeDrafts)) return null;
    return packDetail(pack, listedResources(this.store));
  }

  createResource(input: ResourceCreate): ResourceDetail {
    const { id: givenId, ...fields } = input;
    const metadata: ResourceMetadata = {
      ...fields,
      licence: fields.licence ?? DEFAULT_LICENCE,
      attribution: fields.attribution ?? DEFAULT_ATTRIBUTION,
      updatedAt: today(),
      sample: false
    };
    this.checkMetadata(metadata, givenId);
    return this.store.transaction(() => {
      const id = chooseId(givenId, input.title, (candidate) => this.store.getResource(candidate) !== null, 'resource');
      this.store.insertResource({ id, status: 'active', version: 1, metadata });
      return toWireResource(this.mustGetResource(id));
    });
  }

  patchResource(id: string, patch: ResourcePatch): ResourceDetail {
    const current = this.mustGetResource(id);
    const merged: Record<string, unknown> = { ...current.metadata };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else if (value !== undefined) merged[key] = value;
    }
    const metadata = { ...(merged as ResourceMetadata), updatedAt: today() };
    this.checkMetadata(metadata, id);
    return this.store.transaction(() => {
      this.store.updateResource({ id, status: current.status, version: current.version + 1, metadata });
      this.bumpPacksListing(id);
      return toWireResource(this.mustGetResource(id));
    });
  }

  retireResource(id: string): ResourceDetail {
    const current = this.mustGetResource(id);
    if (current.status === 'retired') return toWireResource(current);
    return this.store.transaction(() => {
      this.store.updateResource({
        id,
        status: 'retired',
        version: current.version + 1,
        metadata: { ...current.metadata, updatedAt: today() }
      });
      this.bumpPacksListing(id);
      return toWireResource(this.mustGetResource(id));
    });
  }

  /**
   * Stores an uploaded file: checks name, type and size before reading, streams the body to a temp file while
   * hashing (stopping at the limit), checks the file's signature, then commits the blob and its row together.
   * Between the commit and the row there is no `await`, so no other request can observe or clean up the blob alone.
   */
  async uploadFile(request: UploadRequest): Promise<ResourceFile> {
    const { resourceId, name } = request;
    const resource = this.mustGetResource(resourceId);
    if (resource.status === 'retired')
      throw new LibraryError(409, 'resource_retired', `Resource "${resourceId}" is retired`);
    if (!FILE_NAME_PATTERN.test(name)) {
      throw new LibraryError(
        400,
        'invalid_file_name',
        'name: give a plain file name (letters, digits, ".", "_", "-"; no folders), at most 120 characters'
      );
    }
    const allowed = allowedTypeOf(name);
    if (!allowed) {
      throw new LibraryError(
        415,
        'unsupported_file_type',
        `name: files of this type are not accepted; allowed: ${ALLOWED_EXTENSIONS.join(', ')}`
      );
    }
    const declared = request.contentType?.split(';')[0]?.trim().toLowerCase();
    if (declared?.startsWith('multipart/')) {
      throw new LibraryError(
        415,
        'unsupported_media_type',
        'Send the file itself as the request body with ?name=<file name>, not as a multipart form'
      );
    }
    if (declared && declared !== 'application/octet-stream' && declared !== allowed.mediaType) {
      throw new LibraryError(
        415,
        'unsupported_media_type',
        `Content-Type ${declared} does not match ${name} (${allowed.mediaType})`
      );
    }
    if (request.contentLength !== undefined && request.contentLength > this.maxUploadBytes) {
      throw new LibraryError(413, 'payload_too_large', `The file is larger than ${this.maxUploadBytes} bytes`);
    }
    if (!request.body) throw new LibraryError(400, 'empty_file', 'The request has no body: send the file as the body');

    let pending: PendingBlob;
    try {
      pending = await this.blobs.receive(request.body, this.maxUploadBytes);
    } catch (error) {
      if (error instanceof BlobTooLargeError) throw new LibraryError(413, 'payload_too_large', error.message);
      throw new LibraryError(400, 'upload_failed', 'The upload did not complete');
    }
    if (pending.size === 0) {
      this.blobs.discard(pending);
      throw new LibraryError(400, 'empty_file', 'The file is empty');
    }
    if (allowed.signature && !allowed.signature(pending.head)) {
      this.blobs.discard(pending);
      throw new LibraryError(
        415,
        'unsupported_file_type',
        `The file's content is not a ${name.slice(name.lastIndexOf('.') + 1).toUpperCase()} file`
      );
    }

    // The resource may have been retired while the bytes were arriving.
    const latest = this.store.getResource(resourceId);
    if (!latest || latest.status !== 'active') {
      this.blobs.discard(pending);
      throw new LibraryError(409, 'resource_retired', `Resource "${resourceId}" is no longer active`);
    }
    this.blobs.commit(pending);
    const file = { resourceId, name, mediaType: allowed.mediaType, size: pending.size, sha256: pending.sha256 };
    let replaced: string | null;
    try {
      replaced = this.store.transaction(() => {
        const previous = this.store.putFile(file);
        this.store.updateResource({
          id: resourceId,
          status: 'active',
          version: latest.version + 1,
          metadata: { ...latest.metadata, updatedAt: today() }
        });
        this.bumpPacksListing(resourceId);
        return previous;
      });
    } catch (error) {
      if (!this.store.isBlobReferenced(pending.sha256)) this.blobs.delete(pending.sha256);
      throw error;
    }
    if (replaced !== null && replaced !== pending.sha256 && !this.store.isBlobReferenced(replaced))
      this.blobs.delete(replaced);
    return toWireFile(file);
  }

  createPack(input: PackCreate): PackDetail {
    this.checkPackResources(input.resourceIds);
    return this.store.transaction(() => {
      const id = chooseId(input.id, input.title, (candidate) => this.store.getPack(candidate) !== null, 'pack');
      const { id: _given, ...fields } = input;
      this.store.insertPack({ ...fields, id, version: 1, published: false });
      return packDetail(this.mustGetPack(id), listedResources(this.store));
    });
  }

  patchPack(id: string, patch: PackPatch): PackDetail {
    const current = this.mustGetPack(id);
    if (patch.resourceIds) this.checkPackResources(patch.resourceIds);
    const resourceIds = patch.resourceIds ?? current.resourceIds;
    const listChanged = resourceIds.join('\n') !== current.resourceIds.join('\n');
    const next = {
      ...current,
      title: patch.title ?? current.title,
      purpose: patch.purpose ?? current.purpose,
      language: patch.language ?? current.language,
      resourceIds,
      version: listChanged ? current.version + 1 : current.version
    };
    this.store.updatePack(next);
    return packDetail(this.mustGetPack(id), listedResources(this.store));
  }

  publishPack(id: string): PackDetail {
    const current = this.mustGetPack(id);
    const listed = listedResources(this.store);
    if (!current.resourceIds.some((resourceId) => listed.has(resourceId))) {
      throw new LibraryError(
        409,
        'pack_empty',
        'The pack lists no active resource with content; add one before publishing'
      );
    }
    if (!current.published) this.store.updatePack({ ...current, published: true });
    return packDetail(this.mustGetPack(id), listedResources(this.store));
  }

  private mustGetResource(id: string): StoredResource {
    const resource = this.store.getResource(id);
    if (!resource) throw new LibraryError(404, 'not_found', `No resource "${id}"`);
    return resource;
  }

  private mustGetPack(id: string): StoredPack {
    const pack = this.store.getPack(id);
    if (!pack) throw new LibraryError(404, 'not_found', `No pack "${id}"`);
    return pack;
  }

  private bumpPacksListing(resourceId: string): void {
    for (const pack of this.store.listPacks()) {
      if (pack.resourceIds.includes(resourceId)) this.store.updatePack({ ...pack, version: pack.version + 1 });
    }
  }

  /** The rules between fields and against other records, each refusal naming its field. */
  private checkMetadata(metadata: ResourceMetadata, id: string | undefined): void {
    const collection = this.store.getCollection(metadata.collection);
    if (!collection)
      throw new LibraryError(400, 'invalid_request', `collection: no collection "${metadata.collection}"`);
    if (metadata.phase !== undefined && !collection.phases.some((phase) => phase.id === metadata.phase)) {
      throw new LibraryError(
        400,
        'invalid_request',
        `phase: collection "${collection.id}" has no phase "${metadata.phase}"`
      );
    }
    if (
      metadata.translationOf !== undefined &&
      (metadata.translationOf === id || !this.store.getResource(metadata.translationOf))
    ) {
      throw new LibraryError(400, 'invalid_request', `translationOf: no other resource "${metadata.translationOf}"`);
    }
    if (metadata.type === 'video-link' && metadata.externalUrl === undefined) {
      throw new LibraryError(400, 'invalid_request', 'externalUrl: a video-link resource needs an externalUrl');
    }
    if (metadata.type === 'page' && (metadata.body ?? '').trim() === '') {
      throw new LibraryError(400, 'invalid_request', 'body: a page resource needs a body');
    }
  }

  private checkPackResources(ids: readonly string[]): void {
    for (const id of ids) {
      const resource = this.store.getResource(id);
      if (!resource || resource.status !== 'active')
        throw new LibraryError(400, 'invalid_request', `resourceIds: no active resource "${id}"`);
    }
  }
}
