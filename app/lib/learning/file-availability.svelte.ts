import { urlInPackCache } from './pack-files';

/**
 * Which of a resource's files can be opened offline: only those in the pack cache, since the service worker answers
 * nothing else without a network. Online every file is available and nothing is checked. A file whose check has not
 * finished yet counts as available, so a slow check never greys out a link that works.
 */
export class FileAvailability {
  /** URLs found missing from the pack cache in the last offline check. */
  private missing = $state.raw<ReadonlySet<string>>(new Set());
  private generation = 0;

  /** Re-checks `urls` for the given network state; a later call supersedes an earlier one still running. */
  async refresh(urls: readonly string[], online: boolean): Promise<void> {
    const generation = ++this.generation;
    if (online) {
      this.missing = new Set();
      return;
    }
    const missing = new Set<string>();
    for (const url of urls) {
      let cached = false;
      try {
        cached = await urlInPackCache(url);
      } catch (error) {
        // Cache Storage unavailable (private mode, or a failed open): the file cannot come from a pack either.
        console.warn('pack cache check failed', error);
      }
      if (!cached) missing.add(url);
    }
    if (generation === this.generation) this.missing = missing;
  }

  isMissing(url: string): boolean {
    return this.missing.has(url);
  }
}
