import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { API_PATH, SYNC_PATH, type HealthResponse } from '@mop/shared';
import type { Logger } from '../logger.ts';
import type { ServerModule } from '../module.ts';
import { staticFiles } from '../static/static-files.ts';
import { apiError } from './errors.ts';
import { ApiRefusal } from './refusal.ts';

/** Largest request body the API reads. */
export const MAX_API_BODY_BYTES = 64 * 1024;

/**
 * The Hono app: each module's routes under `/api` (behind the JSON body limit, its upload routes ahead of it), the
 * static build for everything else. It knows no domain: it mounts whatever the modules give.
 */
export function createHttpApp(options: {
  modules: readonly ServerModule[];
  logger: Logger;
  staticDir?: string | undefined;
}): Hono {
  const { logger } = options;
  const app = new Hono();
  const api = new Hono();

  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_API_BODY_BYTES,
      onError: (c) => {
        // The rest of the body is left unread, so this connection cannot carry another request.
        c.header('Connection', 'close');
        return apiError(c, 413, 'payload_too_large', `The request body is larger than ${MAX_API_BODY_BYTES} bytes`);
      }
    })
  );
  api.get('/health', (c) => c.json({ ok: true } satisfies HealthResponse));
  for (const module of options.modules) {
    const routes = module.routes?.();
    if (routes) api.route('/', routes);
  }
  api.all('*', (c) => apiError(c, 404, 'not_found', `No API route ${c.req.method} ${c.req.path}`));
  // File uploads are mounted ahead of `api`, outside its 64 KiB body limit: they stream up to their own limit.
  for (const module of options.modules) {
    const uploads = module.uploadRoutes?.();
    if (uploads) app.route(API_PATH, uploads);
  }
  app.route(API_PATH, api);

  app.all(`${SYNC_PATH}/*`, (c) => apiError(c, 426, 'upgrade_required', 'This endpoint speaks WebSocket only'));
  app.all(SYNC_PATH, (c) => apiError(c, 426, 'upgrade_required', 'This endpoint speaks WebSocket only'));
  const serveStatic = staticFiles(options.staticDir);
  app.on(['GET', 'HEAD'], '*', (c) => serveStatic(c));

  app.notFound((c) => {
    if (c.req.path.startsWith(API_PATH))
      return apiError(c, 404, 'not_found', `No API route ${c.req.method} ${c.req.path}`);
    return apiError(c, 405, 'method_not_allowed', `${c.req.method} is not allowed here`);
  });
  app.onError((error, c) => {
    // Routes refuse through `guarded`; a refusal thrown outside it is still a 4xx, not a 500.
    if (error instanceof ApiRefusal) return apiError(c, error.status, error.code, error.message);
    if (error instanceof HTTPException && error.status < 500) {
      return apiError(c, error.status, 'bad_request', error.message || 'Bad request');
    }
    logger.error(`http: ${c.req.method} ${c.req.path} failed`, error);
    return apiError(c, 500, 'internal_error', 'Something went wrong on the server');
  });
  return app;
}
