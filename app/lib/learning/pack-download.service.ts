import { type PackManifestFile, type Resource, apiPaths, PackDetailSchema, type PackDetail } from '@mop/shared';
import { NetworkError } from '$lib/services/api';
import { learnRequest } from './learn-api';
import type { StoredPack, StoredPackFile } from './learning-db';
import { existingLearningDb, learningDb } from './learning-store';
import {
  BYPASS_PACK_CACHE_HEADER,
  FileCheckError,
  deleteFromPackCache,
  inPackCache,
  putInPackCache,
  verifyFile
} from './pack-files';
import { resumeDecision } from './resume';

/** Progress of one pack's download, in files and bytes. */
export interface PackProgress {
  doneFiles: number;
  totalFiles: number;
  doneBytes: number;
  totalBytes: number;
}

/** `GET /api/packs/:id`: the pack and its manifest (sizes, hashes, URLs, total). */
export function fetchPackDetail(id: string, doFetch?: typeof fetch): Promise<PackDetail> {
  return learnRequest(apiPaths.pack(id), PackDetailSchema, { fetch: doFetch });
}

export async function storedPack(id: string): Promise<StoredPack | undefined> {
  return (await existingLearningDb())?.packs.get(id);
}

export async function storedPacks(): Promise<StoredPack[]> {
  return (await (await existingLearningDb())?.packs.toArray()) ?? [];
}

/** Bytes of a stored pack's files that are on the device. */
export function storedBytes(record: StoredPack): number {
  return record.files.filter((file) => file.status === 'done').reduce((sum, file) => sum + file.size, 0);
}

/** Bytes still to fetch for a manifest, given what the device holds (same URL and hash count as held). */
export async function bytesToFetch(files: readonly PackManifestFile[]): Promise<number> {
  let total = 0;
  for (const file of files) if (!(await inPackCache(file))) total += file.size;
  return total;
}

/** What `navigator.storage.estimate()` says about room for `bytes` more; `null` fields when the browser won't say. */
export async function checkRoom(bytes: number): Promise<{ fits: boolean; available: number | null }> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return { fits: true, available: null };
  try {
    const { quota, usage } = await navigator.storage.estimate();
    if (quota === undefined) return { fits: true, available: null };
    const available = Math.max(0, quota - (usage ?? 0));
    // Keep a margin: Cache Storage and IndexedDB both add some overhead per entry.
    return { fits: bytes * 1.1 <= available, available };
  } catch {
    return { fits: true, available: null };
  }
}

/** URLs held by packs other than `exceptPackId`, which removing or updating a pack must leave in the cache. */
async function urlsOfOtherPacks(exceptPackId: string): Promise<Set<string>> {
  const records = await storedPacks();
  return new Set(
    records.filter((record) => record.packId !== exceptPackId).flatMap((record) => record.files.map((file) => file.url))
  );
}

/**
 * Fetches one file, resuming from the bytes kept after an earlier drop: `Range: bytes=N-` with `If-Range` set to the
 * file's ETag (its SHA-256), so a server whose file changed answers 200 with the whole new file instead. If the
 * connection drops while reading, what arrived is kept for next time and a `NetworkError` is thrown. A 206 is only
 * joined to the kept bytes when its `Content-Range` continues them (see `resumeDecision`).
 */
async function fetchFileResuming(
  file: PackManifestFile,
  onBytes: (received: number) => void
): Promise<Uint8Array<ArrayBuffer>> {
  const db = await learningDb();
  const partial = await db.partials.get(file.url);
  const usable =
    partial && partial.sha256 === file.sha256 && partial.bytes.size > 0 && partial.bytes.size < file.size
      ? partial.bytes
      : null;
  const headers: Record<string, string> = { [BYPASS_PACK_CACHE_HEADER]: '1' };
  if (usable) {
    headers.range = `bytes=${usable.size}-`;
    headers['if-range'] = `"${file.sha256}"`;
  }
  let response: Response;
  try {
    response = await fetch(file.url, { headers, cache: 'no-store', credentials: 'same-origin' });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.status !== 200 && response.status !== 206) {
    throw new FileCheckError(file.path, `${file.path}: the server answered ${response.status}`);
  }
  const decision = resumeDecision(response.status, response.headers.get('content-range'), usable?.size ?? 0, file.size);
  if (decision === 'refuse') {
    await db.partials.delete(file.url);
    await response.body?.cancel();
    throw new FileCheckError(
      file.path,
      `${file.path}: the server sent a part that does not continue the download; try again`
    );
  }
  const chunks: BlobPart[] = decision === 'append' && usable ? [usable] : [];
  let received = decision === 'append' && usable ? usable.size : 0;
  onBytes(received);
  const reader = response.body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onBytes(received);
    }
  } catch (error) {
    if (received > 0) await db.partials.put({ url: file.url, sha256: file.sha256, bytes: new Blob(chunks) });
    throw new NetworkError(error);
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

/**
 * Makes a pack available offline: every file of the manifest is fetched (or found in the cache already with the same
 * hash, which is how an update fetches only what changed), checked against the manifest's size and SHA-256, stored in
 * the pack cache and marked done in IndexedDB one by one, so an interrupted download resumes where it stopped. Files
 * the new version dropped are deleted unless another pack holds them. A network drop ends the call with the pack
 * marked `interrupted` and a `NetworkError`; files that fail their check are listed in the record's `error`.
 */
export async function downloadPack(
  detail: PackDetail,
  resources: Resource[],
  onProgress: (progress: PackProgress) => void
): Promise<StoredPack> {
  const db = await learningDb();
  const { pack, manifest } = detail;
  const previous = await storedPack(pack.id);
  const files: StoredPackFile[] = manifest.files.map((file) => ({ ...file, status: 'pending' }));
  const record: StoredPack = {
    packId: pack.id,
    // The version is only recorded as held once every file of it is here.
    version: previous?.status === 'complete' ? previous.version : 0,
    pack,
    manifest,
    resources: resources.filter((resource) => pack.resourceIds.includes(resource.id)),
    files,
    status: 'downloading',
    source: 'download',
    error: null,
    updatedAt: new Date().toISOString()
  };
  const progress: PackProgress = {
    doneFiles: 0,
    totalFiles: files.length,
    doneBytes: 0,
    totalBytes: manifest.totalBytes
  };
  for (const file of files) {
    if (await inPackCache(file)) {
      file.status = 'done';
      progress.doneFiles += 1;
      progress.doneBytes += file.size;
    }
  }
  await db.packs.put(record);
  onProgress({ ...progress });

  if (previous) {
    const current = new Set(files.map((file) => file.url));
    const keep = await urlsOfOtherPacks(pack.id);
    await deleteFromPackCache(
      previous.files.map((file) => file.url).filter((url) => !current.has(url) && !keep.has(url))
    );
  }

  const failures: string[] = [];
  for (const file of files) {
    if (file.status === 'done') continue;
    const before = progress.doneBytes;
    try {
      const bytes = await fetchFileResuming(file, (received) =>
        onProgress({ ...progress, doneBytes: before + received })
      );
      await verifyFile(file, bytes);
      await putInPackCache(file, bytes);
      await db.partials.delete(file.url);
      file.status = 'done';
      progress.doneFiles += 1;
      progress.doneBytes += file.size;
    } catch (error) {
      if (error instanceof NetworkError) {
        record.status = 'interrupted';
        record.error = error.message;
        await db.packs.put(record);
        throw error;
      }
      if (!(error instanceof FileCheckError)) throw error;
      await db.partials.delete(file.url);
      file.status = 'failed';
      failures.push(error.message);
    }
    await db.packs.put(record);
    onProgress({ ...progress });
  }
  record.status = failures.length === 0 ? 'complete' : 'error';
  record.error = failures.length === 0 ? null : failures.join('\n');
  if (record.status === 'complete') record.version = manifest.version;
  record.updatedAt = new Date().toISOString();
  await db.packs.put(record);
  return record;
}

/** Removes a pack from this device: its record, its partial downloads and the files no other pack holds. */
export async function removePack(packId: string): Promise<void> {
  const db = await learningDb();
  const record = await storedPack(packId);
  if (!record) return;
  const keep = await urlsOfOtherPacks(packId);
  const urls = record.files.map((file) => file.url).filter((url) => !keep.has(url));
  await deleteFromPackCache(urls);
  await db.partials.bulkDelete(urls);
  await db.packs.delete(packId);
}

/** The ids of resources whose files are all held on this device (pages without files count once a pack holds them). */
export async function offlineResourceIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const record of await storedPacks()) {
    if (record.status !== 'complete') continue;
    for (const resource of record.resources) ids.add(resource.id);
  }
  return ids;
}
