import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/services/route-guards';
import { getProgrammeDetails, listInvitations, listJoinLinks, listPending } from '$lib/cohorts/cohorts.service';
import { loadPrivacyNotice } from '$lib/services/privacy.service';
import type { PageLoad } from './$types';

/** Whether people invited now would be asked to acknowledge the placeholder notice; unknown counts as no. */
const noticeIsPlaceholder = (fetch: typeof globalThis.fetch) =>
  loadPrivacyNotice(fetch).then(
    (notice) => !notice.noticeCompleted,
    () => false
  );

export const load: PageLoad = async ({ parent, params, fetch, url }) => {
  const user = await requireUser({ parent, url });
  try {
    const [programme, { invitations }, { joinLinks }, { pending }, placeholderNotice] = await Promise.all([
      getProgrammeDetails(params.id, fetch),
      listInvitations(params.id, fetch),
      listJoinLinks(params.id, fetch),
      listPending(params.id, fetch),
      noticeIsPlaceholder(fetch)
    ]);
    return { user, loaded: { programme, invitations, joinLinks, pending }, placeholderNotice, problem: null };
  } catch (error) {
    return { user, loaded: null, placeholderNotice: false, problem: problemFor(error) };
  }
};
