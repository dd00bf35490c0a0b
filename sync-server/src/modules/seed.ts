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
  starter: () => readonly LearningModule[],
  options: { intoExisting?: boolean } = {}
): number {
  // Installed later by an admin (`intoExisting`): the missing starter modules are added after the existing ones.
  const existing = modules.countModules();
  if (existing > 0 && !options.intoExisting) return 0;
  const present = new Set(
    resources
      .listResources()
      .filter((resource) => resource.status === 'active')
      .map((resource) => resource.id)
  );
  const usable = starter().filter(
    (module) =>
      modules.getModule(module.id) === null &&
      module.lessons.every((lesson) => lesson.resourceIds.every((id) => present.has(id)))
  );
  return modules.transaction(() => {
    usable.forEach((module, index) => modules.putModule(module, existing + index));
    return usable.length;
  });
}
