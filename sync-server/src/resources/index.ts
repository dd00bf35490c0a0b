import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ModuleContext, ServerModule } from '../module.ts';
import { BlobStore } from './blob-store.ts';
import { ResourceLibrary } from './library.ts';
import { resourceRoutes, resourceUploadRoutes } from './routes.ts';
import { seedStarterLibrary } from './seed.ts';
import { SqliteResourceStore } from './sqlite-resource-store.ts';

export type { ResourceStore } from './store.ts';
export { SqliteResourceStore } from './sqlite-resource-store.ts';
export { BlobStore } from './blob-store.ts';
export { ResourceLibrary } from './library.ts';
export { buildCatalogue } from './wire.ts';

/** The learning repository of a data directory: its SQLite tables and its blobs under `<dataDir>/blobs`. */
export function openResourceLibrary(db: Database.Database, dataDir: string): ResourceLibrary {
  return new ResourceLibrary(new SqliteResourceStore(db), new BlobStore(path.join(dataDir, 'blobs')));
}

/** The learning repository: resources, their files and packs; coordinators and admins edit it. */
export function createResourcesModule(ctx: ModuleContext): ServerModule {
  const library = openResourceLibrary(ctx.db, ctx.dataDir);
  return {
    name: 'resources',
    async prepare() {
      // The starter library is sample content: only the demo gets it; without demo the repository starts empty.
      if (ctx.demo) await seedStarterLibrary(library.store, library.blobs);
    },
    routes: () => resourceRoutes(ctx.auth, library),
    uploadRoutes: () => resourceUploadRoutes(ctx.auth, library)
  };
}
