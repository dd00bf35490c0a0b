import { browser } from '$app/environment';
import { loadModule } from '$lib/learning/module-load';
import { notFoundOnServer } from '$lib/learning/load-errors';
import { getModuleProgress } from '$lib/learning/modules.service';
import type { PageLoad } from './$types';

/** One lesson of a module, the resources it lists and whether it is done on this device. */
export const load: PageLoad = async ({ params, fetch }) => {
  const [{ module, resources, error }, progress] = await Promise.all([
    loadModule(params.id, fetch),
    // Progress lives on the device: none while rendering on the server.
    browser ? getModuleProgress(params.id) : undefined
  ]);
  const lesson = module?.lessons.find((candidate) => candidate.id === params.lessonId) ?? null;
  if (!lesson && !error) notFoundOnServer();
  const lessonResources = (lesson?.resourceIds ?? []).flatMap((id) => {
    const resource = resources.get(id);
    return resource ? [resource] : [];
  });
  return {
    moduleId: params.id,
    lessonId: params.lessonId,
    module,
    lesson,
    lessonResources,
    done: progress?.lessonsDone.includes(params.lessonId) ?? false,
    error
  };
};
