import { requireUser } from '$lib/services/route-guards';
import { loadOutboxMessage } from '$lib/services/account.service';
import type { PageLoad } from './$types';

/** One message of the outbox, with its text and links (admins only; the server refuses anyone else). */
export const load: PageLoad = async ({ parent, url, params, fetch }) => {
  await requireUser({ parent, url });
  return { id: params.id, message: loadOutboxMessage(params.id, fetch) };
};
