import { listMyMentorships } from '$lib/services/mentorships.service';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { user } = await parent();
  // Not awaited: the page shows its loading state while the list arrives.
  return { list: listMyMentorships(user) };
};
