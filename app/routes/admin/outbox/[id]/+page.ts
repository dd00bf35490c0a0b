import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { loadOutboxMessage } from '$lib/services/account.service';
import type { PageLoad } from './$types';

/** One message of the outbox, with its text and links (admins only; the server refuses anyone else). */
export const load: PageLoad = async ({ parent, url, params, fetch }) => {
  await parent();
  if (!session.user) redirect(307, loginPath(url));
  return { id: params.id, message: loadOutboxMessage(params.id, fetch) };
};
