import { profileMap, readProfile, type MatchingProfile } from '@mop/shared';
import { DocMirror, type Projection } from '$lib/state/doc-mirror.svelte';

/**
 * The matching profile mirrored from its Yjs document: ready once loaded from IndexedDB, then following every
 * change, local or synced from another device.
 */
export class ProfileState extends DocMirror {
  profile = $state.raw<MatchingProfile | null>(null);

  protected projections(): Projection[] {
    return [{ sources: (doc) => [profileMap(doc)], refresh: () => (this.profile = readProfile(this.handle.doc)) }];
  }
}
