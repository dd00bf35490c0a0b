import { requireUser } from '$lib/services/route-guards';
import type { LayoutLoad } from './$types';

/** Everything under /mentoring needs an identity, which may come from this device when offline. */
export const load: LayoutLoad = async ({ parent, url }) => {
  const user = await requireUser({ parent, url });
  return { user };
};
