import { Hono } from 'hono';
import type { Library } from '@mop/content';
import type { StarterLibraryStatus } from '@mop/shared';
import type { ModuleContext } from '../module.ts';
import type { BlobStore } from '../resources/index.ts';
import { seedStarterLibrary } from '../resources/seed.ts';
import { seedStarterModules } from '../modules/seed.ts';
import { guarded } from '../http/refusal.ts';
import type { LibraryStores } from './collections.ts';

/** How much of the starter library the platform offers now. */
function starterStatus(stores: LibraryStores, starter: Library): StarterLibraryStatus {
  const active = new Set(
    stores.resources
      .listResources()
      .filter((r) => r.status === 'active')
      .map((r) => r.id)
  );
  const collections = new Set(stores.resources.listCollections().map((c) => c.id));
  const modules = new Set(stores.modules.listModules().map((m) => m.id));
  return {
    resources: starter.resources.filter((r) => active.has(r.id)).length,
    total: starter.resources.length,
    collections: starter.collections.filter((c) => collections.has(c.id)).length,
    modules: starter.modules.filter((m) => modules.has(m.id)).length
  };
}

/**
 * Removes the starter library from use, keeping everything restorable: its modules are deleted (issued certificates
 * keep their module's title and stay verifiable), its resources retired, its packs unpublished, and its collections
 * retired unless they now hold the admin's own resources or modules. Synchronous: call it inside a transaction.
 */
function removeStarterLibrary(stores: LibraryStores, starter: Library, at: Date): void {
  for (const module of starter.modules) stores.modules.deleteModule(module.id);
  for (const { id } of starter.resources) {
    const found = stores.resources.getResource(id);
    if (found?.status === 'active' && found.metadata.sample)
      stores.resources.updateResource({ id, status: 'retired', version: found.version + 1, metadata: found.metadata });
  }
  for (const { id } of starter.packs) {
    const found = stores.resources.getPack(id);
    if (found?.published) stores.resources.updatePack({ ...found, version: found.version + 1, published: false });
  }
  const stillUsed = new Set([
    ...stores.resources
      .listResources()
      .filter((r) => r.status === 'active')
      .map((r) => r.metadata.collection),
    ...stores.modules.listModules().flatMap((m) => (m.collection ? [m.collection] : []))
  ]);
  for (const { id } of starter.collections) {
    if (!stillUsed.has(id) && stores.resources.getCollection(id))
      stores.resources.setCollectionRetired(id, at.toISOString());
  }
}

/**
 * The starter library (sample content shipped with MOP), installed or removed later by an admin: the first-run page
 * only offers the choice once.
 */
export function starterLibraryRoutes(
  ctx: ModuleContext,
  stores: LibraryStores,
  blobs: BlobStore,
  starter: () => Library
): Hono {
  const app = new Hono();

  app.get(
    '/starter-library',
    guarded((c) => {
      ctx.auth.requireAdmin(c);
      return c.json(starterStatus(stores, starter()));
    })
  );

  app.post(
    '/starter-library/install',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      await seedStarterLibrary(stores.resources, blobs, { intoExisting: true });
      ctx.transaction(() => {
        seedStarterModules(stores.modules, stores.resources, () => starter().modules, { intoExisting: true });
        ctx.audit.record(admin, { action: 'library.starter-install' });
      });
      return c.json(starterStatus(stores, starter()));
    })
  );

  app.post(
    '/starter-library/remove',
    guarded((c) => {
      const admin = ctx.auth.requireAdmin(c);
      ctx.transaction(() => {
        removeStarterLibrary(stores, starter(), ctx.now());
        ctx.audit.record(admin, { action: 'library.starter-remove' });
      });
      return c.json(starterStatus(stores, starter()));
    })
  );

  return app;
}
