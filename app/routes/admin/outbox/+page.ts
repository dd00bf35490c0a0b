import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { OutboxStatusSchema } from '@mop/shared';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { loadOutbox } from '$lib/services/account.service';
import type { PageLoad } from './$types';

/** The admins' outbox: every mail with its status (the server refuses anyone else). `?status=` filters. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  if (!session.user) redirect(307, loginPath(url));
  const parsed = v.safeParse(OutboxStatusSchema, url.searchParams.get('status'));
  const status = parsed.success ? parsed.output : null;
  return { status, outbox: loadOutbox(status, fetch) };
};
