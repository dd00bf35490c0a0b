/**
 * The Cache Storage cache holding the files of offline packs. The app writes it; the service worker answers
 * `/api/resources/<id>/files/<name>` from it (whole files and byte ranges). Both import this constant.
 */
export const PACK_CACHE = 'mop-packs-v1';

/** True for the URL of a resource file, the only URLs the pack cache holds. */
export function isResourceFileUrl(pathname: string): boolean {
  return /^\/api\/resources\/[^/]+\/files\/[^/]+$/.test(pathname);
}
