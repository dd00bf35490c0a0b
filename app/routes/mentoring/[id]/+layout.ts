import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { NotAvailableOfflineError, findMyMentorship } from '$lib/services/mentorships.service';
import { openDoc } from '$lib/services/docs.service';
import { ownPairDocNames } from '$lib/services/pair-summaries.service';
import { wasPairWithdrawn } from '$lib/closing/closing.service';
import type { LayoutLoad } from './$types';

/** The pair's record (from this device first) and its document, opened from IndexedDB and synced when online. */
export const load: LayoutLoad = async ({ params, parent, fetch }) => {
  const { user } = await parent();
  let mentorship;
  try {
    mentorship = await findMyMentorship(user, params.id);
  } catch (caught) {
    if (caught instanceof NotAvailableOfflineError) error(503, { message: m.error_not_cached_offline() });
    throw caught;
  }
  if (!mentorship) {
    // A pair the coordinator withdrew (the link of an earlier "you were matched" e-mail): say so, 410 Gone.
    if (await wasPairWithdrawn(params.id, fetch)) error(410, { message: m.pair_withdrawn_lead() });
    error(404, { message: m.error_not_found() });
  }
  // Coordinators and admins can list a pair but the server refuses them its document (notes, messages…): say so
  // plainly instead of opening a document that would never sync.
  if (mentorship.mentor.id !== user.id && mentorship.mentee.id !== user.id) error(403, { message: m.ws_not_member() });
  const handle = openDoc(mentorship.docName);
  // Yjs is loaded here anyway: the user's other pairs are opened too, so each one is on this device for a workshop
  // without network (the home reads summaries and opens none). Opening an open document is a lookup.
  for (const docName of ownPairDocNames()) openDoc(docName);
  return { mentorship, handle };
};
