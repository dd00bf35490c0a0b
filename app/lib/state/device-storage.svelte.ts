import { m } from '$lib/paraglide/messages.js';

/**
 * Why this device's IndexedDB could not be used when the app started:
 * - `unavailable`: the browser refuses storage (private browsing, site data turned off, no IndexedDB at all);
 * - `full`: the device or the browser's quota is out of space;
 * - `blocked`: another tab keeps an older version of the database open, so the upgrade waits;
 * - `newer`: the database was written by a newer version of MOP than this one;
 * - `broken`: anything else (a damaged database, an internal browser error).
 */
export type StorageProblemKind = 'unavailable' | 'full' | 'blocked' | 'newer' | 'broken';

/** The error's name and those of the errors it wraps (Dexie keeps the browser's DOMException in `inner`). */
function namesOf(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner;
  }
  return names;
}

/** Classifies a failure to open or read IndexedDB (a Dexie error or a raw DOMException). */
export function storageProblemKind(error: unknown): StorageProblemKind {
  const names = namesOf(error);
  if (names.includes('QuotaExceededError')) return 'full';
  if (names.includes('VersionError')) return 'newer';
  // Firefox's private windows answered InvalidStateError; disabled site data gives SecurityError.
  if (names.some((name) => ['MissingAPIError', 'SecurityError', 'InvalidStateError'].includes(name)))
    return 'unavailable';
  return 'broken';
}

/**
 * Whether this device can keep MOP's data, as the layout shows it: a failure at boot is explained with what to do,
 * not only logged. The app still works online without storage (pages that need the server), so it is a banner, not
 * an error page.
 */
class DeviceStorageState {
  problem = $state<StorageProblemKind | null>(null);

  /** Records why IndexedDB failed (the first failure wins: later ones are its consequences). */
  report(error: unknown): void {
    this.problem ??= storageProblemKind(error);
  }

  /** Another tab holds an older version of the database open, so this tab's upgrade waits. */
  reportBlocked(): void {
    this.problem ??= 'blocked';
  }

  /** The upgrade went through after all (the other tab closed). */
  clearBlocked(): void {
    if (this.problem === 'blocked') this.problem = null;
  }

  /** What happened and what to do, in the user's language; null when storage works. */
  get advice(): string | null {
    switch (this.problem) {
      case null:
        return null;
      case 'unavailable':
        return m.storage_problem_unavailable();
      case 'full':
        return m.storage_problem_full();
      case 'blocked':
        return m.storage_problem_blocked();
      case 'newer':
        return m.storage_problem_newer();
      case 'broken':
        return m.storage_problem_broken();
    }
  }
}

export const deviceStorage = new DeviceStorageState();
