import type { LearningModule } from '@mop/shared';
import type { ResourceStore } from '../resources/index.ts';
import type { ModuleStore } from './store.ts';

/**
 * Adds the starter library's self-learning modules when the server has none yet, keeping only those whose lessons'
 * resources are in the repository (a database seeded before modules existed gets them on its next start; an admin's
 * own repository without the starter resources gets none). Returns how many were added.
 */
export function seedStarterModules(
  modules: ModuleStore,
  resources: ResourceStore,
  starter: () => readonly LearningModule[]
): number {
  if (modules.countModules() > 0) return 0;
  const present = new Set(resources.listResources().map((resource) => resource.id));
  const usable = starter().filter((module) =>
    module.lessons.every((lesson) => lesson.resourceIds.every((id) => present.has(id)))
  );
  return modules.transaction(() => {
    usable.forEach((module, position) => modules.putModule(module, position));
    return usable.length;
  });
}
