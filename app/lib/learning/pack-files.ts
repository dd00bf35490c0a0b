import type { PackManifestFile } from '@mop/shared';
import { PACK_CACHE } from './pack-cache';

/**
 * Request header that tells the service worker to go to the network even when the pack cache holds the URL: a pack
 * update must fetch the new bytes of a file, not read back the old ones.
 */
export const BYPASS_PACK_CACHE_HEADER = 'x-mop-bypass-pack-cache';

/** A file that is not what the manifest promised (wrong size or hash). */
export class FileCheckError extends Error {
  constructor(
    readonly path: string,
    message: string
  ) {
    super(message);
    this.name = 'FileCheckError';
  }
}

/** Lowercase hex SHA-256 of some bytes, with the browser's SubtleCrypto. */
async function sha256Hex(data: BufferSource): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Throws a `FileCheckError` unless the bytes have the manifest's size and SHA-256. */
export async function verifyFile(file: PackManifestFile, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  if (bytes.byteLength !== file.size) {
    throw new FileCheckError(file.path, `${file.path}: expected ${file.size} bytes, got ${bytes.byteLength}`);
  }
  const actual = await sha256Hex(bytes);
  if (actual !== file.sha256)
    throw new FileCheckError(file.path, `${file.path}: the content does not match the pack's checksum`);
}

/** Stores verified bytes in the pack cache as the service worker will serve them. */
export async function putInPackCache(file: PackManifestFile, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const cache = await caches.open(PACK_CACHE);
  const headers = new Headers({
    'Content-Type': file.mediaType,
    'Content-Length': String(file.size),
    ETag: `"${file.sha256}"`,
    'Accept-Ranges': 'bytes'
  });
  await cache.put(new Request(file.url), new Response(new Blob([bytes], { type: file.mediaType }), { headers }));
}

/** True when the pack cache already holds exactly these bytes (same URL and hash), e.g. from another pack. */
export async function inPackCache(file: { url: string; sha256: string }): Promise<boolean> {
  const cache = await caches.open(PACK_CACHE);
  const cached = await cache.match(file.url, { ignoreSearch: true });
  return cached?.headers.get('etag') === `"${file.sha256}"`;
}

/** True when the pack cache holds this file URL at all, which is what the service worker can answer offline. */
export async function urlInPackCache(url: string): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  const cache = await caches.open(PACK_CACHE);
  return (await cache.match(url, { ignoreSearch: true })) !== undefined;
}

/** Removes URLs from the pack cache. */
export async function deleteFromPackCache(urls: Iterable<string>): Promise<void> {
  const cache = await caches.open(PACK_CACHE);
  for (const url of urls) await cache.delete(url, { ignoreSearch: true });
}
