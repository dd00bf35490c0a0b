import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { ModuleContext, ServerModule } from '../module.ts';
import { SqliteResourceStore, buildCatalogue } from '../resources/index.ts';
import { SqliteModuleStore } from '../modules/index.ts';
import { noneMatch } from '../resources/range.ts';

/**
 * `GET /api/catalogue`: the public catalogue of the learning repository and the self-learning modules. It lives
 * above both domains (which do not import each other's routes) because it is the one place that lists the two.
 */
export function createCatalogueModule(ctx: ModuleContext): ServerModule {
  const resources = new SqliteResourceStore(ctx.db);
  const modules = new SqliteModuleStore(ctx.db);
  return {
    name: 'catalogue',
    routes() {
      const app = new Hono();
      app.get('/catalogue', (c) => {
        const body = JSON.stringify(buildCatalogue(resources, modules.listModules()));
        const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
        c.header('ETag', etag);
        // The app caches the catalogue for offline search; it must ask again each time, which a 304 makes cheap.
        c.header('Cache-Control', 'no-cache');
        if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);
        c.header('Content-Type', 'application/json; charset=utf-8');
        return c.body(body);
      });
      return app;
    }
  };
}
