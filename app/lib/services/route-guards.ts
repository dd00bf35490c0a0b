import { redirect } from '@sveltejs/kit';
import type { User } from '@mop/shared';
import { session } from '$lib/state/session.svelte';
import { loginPath } from './deep-link';

/**
 * The one guard of pages that need a signed-in user: waits for the root layout (which restores the identity saved on
 * this device, so it works offline), then gives the user or redirects to the login page. Call it first in a `load`:
 * `const user = await requireUser({ parent, url });`. The server still checks every request; this only spares a page that
 * cannot work. The login page comes back to `url` after signing in.
 */
export async function requireUser(event: { parent: () => Promise<unknown>; url: URL }): Promise<User> {
  await event.parent();
  const user = session.user;
  if (!user) redirect(307, loginPath(event.url));
  return user;
}
