import { redirect } from '@sveltejs/kit';
import type { User } from '@mop/shared';
import { session } from '$lib/state/session.svelte';

/**
 * The one guard of pages that need a signed-in user: waits for the root layout (which restores the identity saved on
 * this device, so it works offline), then gives the user or redirects to the login page. Call it first in a `load`:
 * `const user = await requireUser(parent);`. The server still checks every request; this only spares a page that
 * cannot work.
 */
export async function requireUser(parent: () => Promise<unknown>): Promise<User> {
  await parent();
  const user = session.user;
  if (!user) redirect(307, '/login');
  return user;
}
