import { requireUser } from '$lib/services/route-guards';
import type { PageLoad } from './$types';

/** The in-app notifications: derived on this device from the pairs' documents (the page follows the user). */
export const load: PageLoad = async ({ parent, url }) => {
  const user = await requireUser({ parent, url });
  return { user };
};
