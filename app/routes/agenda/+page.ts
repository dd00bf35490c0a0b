import { requireUser } from '$lib/services/route-guards';
import { listMyMentorships } from '$lib/services/mentorships.service';
import type { PageLoad } from './$types';

/** The personal agenda: the user's pairs (from the server, or this device when offline). */
export const load: PageLoad = async ({ parent, url }) => {
  const user = await requireUser({ parent, url });
  return { user, list: listMyMentorships(user) };
};
