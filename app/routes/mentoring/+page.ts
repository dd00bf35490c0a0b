import { listMyMentorships } from '$lib/services/mentorships.service';
import { pairsOf, takesPartInPairs } from '$lib/services/membership';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { user } = await parent();
  // Not awaited: the page shows its loading state while the list arrives. Coordinators are also sent the programme's
  // pairs, whose notes they may not open: the page lists only the user's own pairs. Each card shows the pair's
  // summary kept on this device (next session, unread messages, progress, latest notes; offline too): the pairs'
  // documents are not opened here.
  const list = listMyMentorships(user).then((result) => ({
    ...result,
    mentorships: pairsOf(result.mentorships, user.id)
  }));
  return { list, takesPartInPairs: takesPartInPairs(user.role) };
};
