import { loadLibrary } from '@mop/content';
import type { ModuleContext, ServerModule } from '../module.ts';
import { SqliteResourceStore } from '../resources/index.ts';
import { Hono } from 'hono';
import { moduleRoutes } from './routes.ts';
import { accountLearningRoutes } from './account-learning.ts';
import { seedStarterModules } from './seed.ts';
import { SqliteModuleStore } from './sqlite-module-store.ts';
import { eraseLearning, exportLearning } from './user-data.ts';

export type { ModuleStore } from './store.ts';
export { SqliteModuleStore } from './sqlite-module-store.ts';
export { importModules } from './import.ts';

/**
 * Self-learning modules (listed in the catalogue), their certificates and signed-in learners' progress. Listed after
 * `resources`: its starter modules are kept only when their lessons' resources are in the repository.
 */
export function createLearningModulesModule(ctx: ModuleContext): ServerModule {
  const modules = new SqliteModuleStore(ctx.db);
  return {
    name: 'learning-modules',
    exportUserData: (userId) => exportLearning(ctx, userId),
    eraseUserData: (userId) => eraseLearning(ctx, userId),
    prepare() {
      // Read from the library's sources only when needed: a server that has modules does not load them again.
      if (ctx.demo) seedStarterModules(modules, new SqliteResourceStore(ctx.db), () => loadLibrary().modules);
    },
    routes() {
      const app = new Hono();
      app.route(
        '/',
        moduleRoutes(modules, (c) => ctx.auth.currentUser(c))
      );
      app.route(
        '/',
        accountLearningRoutes(modules, (c) => ctx.auth.requireUser(c))
      );
      return app;
    }
  };
}
