import * as v from 'valibot';
import { LearningModuleSchema, describeIssues, type LearningModule } from '@mop/shared';
import type { ResourceStore } from '../resources/index.ts';
import type { ModuleStore } from './store.ts';

/** What `importModules` did: modules added and updated (by id), in file order. */
export interface ModuleImport {
  added: string[];
  updated: string[];
}

/**
 * Imports self-learning modules from a JSON list (the format of `packages/content/library/modules.json`) into the
 * server: every module is validated, and every collection and resource it names must exist in the repository, before
 * anything is written; then all of them are added or replaced in one transaction, in the file's order (modules not
 * in the file keep their place after them). A module whose id exists is replaced, so raise its `version` when its
 * questions change. Certificates already issued are not touched.
 *
 * @throws Error with a message naming the module and field at fault; nothing is written then.
 */
export function importModules(modules: ModuleStore, resources: ResourceStore, json: unknown): ModuleImport {
  if (!Array.isArray(json)) throw new Error('The file must hold a JSON list of modules');
  const resourceIds = new Set(
    resources
      .listResources()
      .filter((r) => r.status === 'active')
      .map((r) => r.id)
  );
  const collectionIds = new Set(resources.listCollections().map((c) => c.id));
  const seen = new Set<string>();
  const parsed: LearningModule[] = json.map((item: unknown, index) => {
    const result = v.safeParse(LearningModuleSchema, item);
    if (!result.success) throw new Error(`Module ${index + 1}: ${describeIssues(result.issues)}`);
    const module = result.output;
    if (seen.has(module.id)) throw new Error(`Module ${index + 1}: the id "${module.id}" appears twice`);
    seen.add(module.id);
    if (module.collection !== undefined && !collectionIds.has(module.collection)) {
      throw new Error(`Module "${module.id}": unknown collection "${module.collection}"`);
    }
    for (const lesson of module.lessons) {
      const links = [...lesson.body.matchAll(/\(resource:([a-z0-9-]+)\)/g)].map((match) => match[1]!);
      for (const id of [...lesson.resourceIds, ...links]) {
        if (!resourceIds.has(id))
          throw new Error(`Module "${module.id}", lesson "${lesson.id}": no resource "${id}" in the repository`);
      }
    }
    return module;
  });
  const existing = modules.listModules();
  const before = new Set(existing.map((module) => module.id));
  const rest = existing.filter((module) => !seen.has(module.id));
  return modules.transaction(() => {
    parsed.forEach((module, position) => modules.putModule(module, position));
    rest.forEach((module, k) => modules.putModule(module, parsed.length + k));
    return {
      added: parsed.filter((m) => !before.has(m.id)).map((m) => m.id),
      updated: parsed.filter((m) => before.has(m.id)).map((m) => m.id)
    };
  });
}
