import type { User } from '@mop/shared';
import { session } from '$lib/state/session.svelte';
import { watchNetwork } from '$lib/state/network.svelte';
import { DEVICE_DATABASE, databaseExists } from './device-databases';

/**
 * Restores the identity saved on this device before any page renders (offline too). A device that never signed in
 * has no database to read, so a visitor of the public pages is done at once and downloads none of what a signed-in
 * user needs (Dexie, the Yjs documents, the sync client): the auth service is loaded only when there is a database.
 */
export async function restoreSession(): Promise<User | null> {
  // Every page shows whether the network is there (file links, the connection pill), signed in or not.
  watchNetwork();
  if (!(await databaseExists(DEVICE_DATABASE))) {
    session.restored = true;
    return null;
  }
  const auth = await import('./auth.service');
  return auth.restoreSession();
}
