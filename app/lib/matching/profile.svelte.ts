import { profileMap, readProfile, type MatchingProfile } from '@mop/shared';
import type { DocHandle } from '$lib/services/docs.service';

/**
 * The matching profile mirrored from its Yjs document: ready once loaded from IndexedDB, then following every
 * change, local or synced from another device.
 */
export class ProfileState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  profile = $state.raw<MatchingProfile | null>(null);
  #unobserve: (() => void) | null = null;
  #disposed = false;

  constructor(readonly handle: DocHandle) {
    handle.ready.then(
      () => {
        if (this.#disposed) return;
        const map = profileMap(handle.doc);
        const onChange = () => {
          this.profile = readProfile(handle.doc);
        };
        map.observe(onChange);
        this.#unobserve = () => map.unobserve(onChange);
        onChange();
        this.status = 'ready';
      },
      (error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
        this.status = 'error';
      }
    );
  }

  dispose(): void {
    this.#disposed = true;
    this.#unobserve?.();
  }
}
