import { requireUser } from '$lib/services/route-guards';
import { m } from '$lib/paraglide/messages.js';
import {
  getMatchingSettings,
  listMatchingRuns,
  listParticipants,
  listProgrammes
} from '$lib/matching/matching-api.service';
import { matchingProblem, isCoordinatorRole } from '$lib/matching/access';
import { listManagedProgrammes } from '$lib/cohorts/cohorts.service';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, fetch, url }) => {
  const user = await requireUser({ parent, url });
  if (!isCoordinatorRole(user))
    return { user, details: null, problem: { kind: 'forbidden' as const, message: m.match_not_allowed() } };
  try {
    const [{ programmes }, { participants }, settings, { runs }, managed] = await Promise.all([
      listProgrammes(fetch),
      listParticipants(params.id, fetch),
      getMatchingSettings(params.id, fetch),
      listMatchingRuns(params.id, fetch),
      listManagedProgrammes(false, fetch)
    ]);
    const programme = programmes.find((p) => p.id === params.id) ?? null;
    // The open programmes this person runs: the participants' actions exist only when this one is among them (an
    // archived programme is read-only), and the others are where people can be moved.
    const open = managed.programmes.some((p) => p.id === params.id);
    const moveTargets = managed.programmes.filter((p) => p.id !== params.id).map((p) => ({ id: p.id, name: p.name }));
    return {
      user,
      details: { programmeId: params.id, programme, participants, settings, runs, open, moveTargets },
      problem: null
    };
  } catch (error) {
    return { user, details: null, problem: matchingProblem(error) };
  }
};
