import { loadModule } from '$lib/learning/module-load';
import { keptAnswers } from '$lib/learning/module-progress';
import { getModuleProgress } from '$lib/learning/modules.service';
import type { PageLoad } from './$types';

/** A module's quiz with the answers chosen so far on this device. */
export const load: PageLoad = async ({ params, fetch }) => {
  const [{ module, error }, progress] = await Promise.all([loadModule(params.id, fetch), getModuleProgress(params.id)]);
  return { moduleId: params.id, module, draft: module ? keptAnswers(module, progress?.draftAnswers ?? {}) : {}, error };
};
