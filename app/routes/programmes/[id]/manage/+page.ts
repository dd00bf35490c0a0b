import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/services/route-guards';
import { getProgrammeDetails, listInvitations, listJoinLinks, listPending } from '$lib/cohorts/cohorts.service';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, fetch, url }) => {
  const user = await requireUser({ parent, url });
  try {
    const [programme, { invitations }, { joinLinks }, { pending }] = await Promise.all([
      getProgrammeDetails(params.id, fetch),
      listInvitations(params.id, fetch),
      listJoinLinks(params.id, fetch),
      listPending(params.id, fetch)
    ]);
    return { user, loaded: { programme, invitations, joinLinks, pending }, problem: null };
  } catch (error) {
    return { user, loaded: null, problem: problemFor(error) };
  }
};
