import { m } from '$lib/paraglide/messages.js';
import {
  getMatchingSettings,
  listMatchingRuns,
  listParticipants,
  listProgrammes
} from '$lib/matching/matching-api.service';
import { matchingProblem, isCoordinatorRole, requireUser } from '$lib/matching/access';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, fetch, url }) => {
  await parent();
  const user = requireUser(url);
  if (!isCoordinatorRole(user))
    return { user, details: null, problem: { kind: 'forbidden' as const, message: m.match_not_allowed() } };
  try {
    const [{ programmes }, { participants }, settings, { runs }] = await Promise.all([
      listProgrammes(fetch),
      listParticipants(params.id, fetch),
      getMatchingSettings(params.id, fetch),
      listMatchingRuns(params.id, fetch)
    ]);
    const programme = programmes.find((p) => p.id === params.id) ?? null;
    return { user, details: { programmeId: params.id, programme, participants, settings, runs }, problem: null };
  } catch (error) {
    return { user, details: null, problem: matchingProblem(error) };
  }
};
