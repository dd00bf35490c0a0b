import { requireUser } from '$lib/services/route-guards';
import * as v from 'valibot';
import { OutboxStatusSchema } from '@mop/shared';
import { loadOutbox } from '$lib/services/account.service';
import type { PageLoad } from './$types';

/** The admins' outbox: every mail with its status (the server refuses anyone else). `?status=` filters. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await requireUser({ parent, url });
  const parsed = v.safeParse(OutboxStatusSchema, url.searchParams.get('status'));
  const status = parsed.success ? parsed.output : null;
  return { status, outbox: loadOutbox(status, fetch) };
};
