import { gradeQuiz } from '@mop/shared';
import { loadModule } from '$lib/learning/module-load';
import { keptAnswers } from '$lib/learning/module-progress';
import { getModuleProgress, listCertificates } from '$lib/learning/modules.service';
import type { PageLoad } from './$types';

/**
 * A module's quiz with the answers chosen so far on this device. When the latest attempt passed and no new attempt
 * has been started, that result is shown again (after a reload or a change of language), with its certificate or the
 * form to ask for one.
 */
export const load: PageLoad = async ({ params, fetch }) => {
  const [{ module, error }, progress, certificates] = await Promise.all([
    loadModule(params.id, fetch),
    getModuleProgress(params.id),
    listCertificates()
  ]);
  const draft = module ? keptAnswers(module, progress?.draftAnswers ?? {}) : {};
  const last = progress?.attempts.at(-1);
  const restored =
    module && last?.passed && Object.keys(draft).length === 0
      ? { answers: keptAnswers(module, last.answers), grade: gradeQuiz(module, last.answers) }
      : null;
  const certificate = last?.requestId ? (certificates.find((c) => c.requestId === last.requestId) ?? null) : null;
  return { moduleId: params.id, module, draft, restored, certificate: restored ? certificate : null, error };
};
