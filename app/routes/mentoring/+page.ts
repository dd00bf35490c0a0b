import { listMyMentorships } from '$lib/services/mentorships.service';
import { pairsOf, takesPartInPairs } from '$lib/services/membership';
import { openDoc } from '$lib/services/docs.service';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { user } = await parent();
  // Not awaited: the page shows its loading state while the list arrives. Coordinators are also sent the programme's
  // pairs, whose notes they may not open: the page lists only the user's own pairs.
  // Each own pair's document is opened (listing them opens them anyway, to keep them synced): the home reads the next
  // session, unread messages, progress and latest notes from it, on this device, offline too.
  const list = listMyMentorships(user).then((result) => {
    const mentorships = pairsOf(result.mentorships, user.id);
    return {
      ...result,
      mentorships,
      pairs: mentorships.map((mentorship) => ({ mentorship, handle: openDoc(mentorship.docName) }))
    };
  });
  return { list, takesPartInPairs: takesPartInPairs(user.role) };
};
