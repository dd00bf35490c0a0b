import { Hono, type Context } from 'hono';
import {
  CollectionCreateSchema,
  CollectionOrderSchema,
  CollectionPatchSchema,
  type CollectionAdmin,
  type CollectionAdminList,
  type User
} from '@mop/shared';
import type { ModuleContext } from '../module.ts';
import type { ResourceStore } from '../resources/index.ts';
import type { ModuleStore } from '../modules/index.ts';
import { chooseId } from '../resources/library.ts';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';

/** The signed-in coordinator or admin, who edit the learning library (as for resources); 401/403 otherwise. */
function requireEditor(c: Context, ctx: ModuleContext): User {
  const user = ctx.auth.requireUser(c);
  if (user.role !== 'admin' && user.role !== 'coordinator')
    throw new ApiRefusal(403, 'forbidden', 'Only coordinators and admins can change the learning library');
  return user;
}

export interface LibraryStores {
  resources: ResourceStore;
  modules: ModuleStore;
  /** Ids of the starter library's collections (sample content). */
  starterCollectionIds: () => ReadonlySet<string>;
}

/** Every collection with its use, in order (retired ones included). */
function collectionAdminList(stores: LibraryStores): CollectionAdminList {
  const resources = stores.resources.listResources().filter((r) => r.status === 'active');
  const modules = stores.modules.listModules();
  const starter = stores.starterCollectionIds();
  return {
    collections: stores.resources.listAllCollections().map(({ collection, position, retiredAt }) => ({
      id: collection.id,
      title: collection.title,
      summary: collection.summary,
      kind: collection.kind,
      order: position,
      retiredAt,
      resources: resources.filter((r) => r.metadata.collection === collection.id).length,
      modules: modules.filter((m) => m.collection === collection.id).length,
      sample: starter.has(collection.id)
    }))
  };
}

/**
 * Collections of the learning library, administered in the app: created, edited, put in order, retired (hidden
 * from the catalogue, kept, restorable) and restored. Resources and modules need a collection, so a real install
 * starts here. A collection still holding resources or modules in use is not retired: they would be listed under a
 * collection nobody can see.
 */
export function collectionRoutes(ctx: ModuleContext, stores: LibraryStores): Hono {
  const store = stores.resources;
  const app = new Hono();

  const one = (id: string): CollectionAdmin => {
    const found = collectionAdminList(stores).collections.find((c) => c.id === id);
    if (!found) throw new ApiRefusal(404, 'not_found', `No collection "${id}"`);
    return found;
  };
  const stored = (id: string) => {
    const found = store.listAllCollections().find((c) => c.collection.id === id);
    if (!found) throw new ApiRefusal(404, 'not_found', `No collection "${id}"`);
    return found;
  };

  app.get(
    '/collections',
    guarded((c) => {
      requireEditor(c, ctx);
      return c.json(collectionAdminList(stores));
    })
  );

  app.post(
    '/collections',
    guarded(async (c) => {
      const user = requireEditor(c, ctx);
      const input = await readBody(c, CollectionCreateSchema);
      const id = ctx.transaction(() => {
        const all = store.listAllCollections();
        const id = chooseId(
          input.id,
          input.title,
          (candidate) => all.some((s) => s.collection.id === candidate),
          'collection'
        );
        const position = Math.max(-1, ...all.map((s) => s.position)) + 1;
        store.putCollection(
          { id, title: input.title, summary: input.summary, kind: input.kind, order: position, phases: [] },
          position
        );
        ctx.audit.record(user, { action: 'collection.create', targetLabel: input.title, details: { id } });
        return id;
      });
      return c.json(one(id), 201);
    })
  );

  app.put(
    '/collections/order',
    guarded(async (c) => {
      const user = requireEditor(c, ctx);
      const { ids } = await readBody(c, CollectionOrderSchema);
      ctx.transaction(() => {
        const all = store.listAllCollections();
        const known = new Set(all.map((s) => s.collection.id));
        if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id)))
          throw new ApiRefusal(400, 'invalid_request', 'ids: list every collection exactly once');
        ids.forEach((id, position) => {
          const current = all.find((s) => s.collection.id === id);
          if (current) store.putCollection({ ...current.collection, order: position }, position);
        });
        ctx.audit.record(user, { action: 'collection.order', details: { ids } });
      });
      return c.json(collectionAdminList(stores));
    })
  );

  app.patch(
    '/collections/:id',
    guarded(async (c) => {
      const user = requireEditor(c, ctx);
      const id = c.req.param('id') ?? '';
      const patch = await readBody(c, CollectionPatchSchema);
      ctx.transaction(() => {
        const current = stored(id);
        store.putCollection({ ...current.collection, ...patch }, current.position);
        ctx.audit.record(user, {
          action: 'collection.update',
          targetLabel: current.collection.title,
          details: { id, ...patch }
        });
      });
      return c.json(one(id));
    })
  );

  for (const [verb, retire] of [
    ['retire', true],
    ['restore', false]
  ] as const) {
    app.post(
      `/collections/:id/${verb}`,
      guarded((c) => {
        const user = requireEditor(c, ctx);
        const id = c.req.param('id') ?? '';
        ctx.transaction(() => {
          const current = stored(id);
          if (retire && !current.retiredAt) {
            const use = one(id);
            if (use.resources > 0 || use.modules > 0)
              throw new ApiRefusal(
                409,
                'collection_in_use',
                `"${current.collection.title}" holds ${use.resources} resources and ${use.modules} modules in use: move or retire them first`
              );
          }
          if (Boolean(current.retiredAt) !== retire)
            store.setCollectionRetired(id, retire ? ctx.now().toISOString() : null);
          ctx.audit.record(user, {
            action: `collection.${verb}`,
            targetLabel: current.collection.title,
            details: { id }
          });
        });
        return c.json(one(id));
      })
    );
  }

  return app;
}
