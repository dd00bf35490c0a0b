import { Hono } from 'hono';
import { loadLibrary, type Library } from '@mop/content';
import type { ModuleContext, ServerModule } from '../module.ts';
import { openResourceLibrary } from '../resources/index.ts';
import { SqliteModuleStore } from '../modules/index.ts';
import { collectionRoutes, type LibraryStores } from './collections.ts';
import { starterLibraryRoutes } from './starter.ts';

/**
 * Learning-library administration on a real install: collections (create, edit, order, retire, restore) and the
 * starter library installed or removed later. It sits above the resources and modules domains, like the catalogue,
 * because it acts on both.
 */
export function createLibraryAdminModule(ctx: ModuleContext): ServerModule {
  const library = openResourceLibrary(ctx.db, ctx.dataDir);
  let starter: Library | null = null;
  // Read from the content package on first use, then kept: it does not change while the server runs.
  const starterLibrary = () => (starter ??= loadLibrary());
  const stores: LibraryStores = {
    resources: library.store,
    modules: new SqliteModuleStore(ctx.db),
    starterCollectionIds: () => new Set(starterLibrary().collections.map((c) => c.id))
  };
  return {
    name: 'library-admin',
    routes() {
      const app = new Hono();
      app.route('/', collectionRoutes(ctx, stores));
      app.route('/', starterLibraryRoutes(ctx, stores, library.blobs, starterLibrary));
      return app;
    }
  };
}
