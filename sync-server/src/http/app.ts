import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { API_PATH, SYNC_PATH } from '@mop/shared';
import type { Logger } from '../logger.ts';
import type { ServerModule } from '../module.ts';
import { webRoutes } from '../web/web-routes.ts';
import { apiError } from './errors.ts';
import { ApiRefusal } from './refusal.ts';
import { originCheck, securityHeaders } from './security.ts';

/** Largest request body the API reads. */
const MAX_API_BODY_BYTES = 64 * 1024;

/**
 * The Hono app: each module's routes under `/api` (behind the JSON body limit, its upload routes ahead of it), the
 * static build for everything else. It knows no domain: it mounts whatever the modules give.
 */
export function createHttpApp(options: {
  modules: readonly ServerModule[];
  logger: Logger;
  staticDir?: string | undefined;
  /** Runs around every request (request ids, request log, metrics). */
  middleware?: MiddlewareHandler | undefined;
  /** `MOP_PUBLIC_URL` as configured: the origin of canonical links, the sitemap and the feed; default the request's. */
  publicUrl?: string | undefined;
  /** `MOP_REMOTE_IMAGES`: resources may show images from other sites. */
  remoteImages?: boolean | undefined;
}): Hono {
  const { logger } = options;
  const app = new Hono();
  if (options.middleware) app.use('*', options.middleware);
  app.use('*', securityHeaders());
  app.use('*', originCheck(options.publicUrl));
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
  // Pages (the public ones rendered on the server), the app's files, sitemap.xml, robots.txt and the feed.
  app.route(
    '/',
    webRoutes({
      buildDir: options.staticDir,
      publicUrl: options.publicUrl,
      remoteImages: options.remoteImages,
      logger,
      apiFetch: (request, env) => Promise.resolve(app.fetch(request, env))
    })
  );

  app.notFound((c) => {
    if (c.req.path.startsWith(API_PATH))
      return apiError(c, 404, 'not_found', `No API route ${c.req.method} ${c.req.path}`);
    return apiError(c, 405, 'method_not_allowed', `${c.req.method} is not allowed here`);
  });
  app.onError((error, c) => {
    // Routes refuse through `guarded`; a refusal thrown outside it is still a 4xx, not a 500.
    if (error instanceof ApiRefusal) return apiError(c, error.status, error.code, error.message, error.details);
    if (error instanceof HTTPException && error.status < 500) {
      return apiError(c, error.status, 'bad_request', error.message || 'Bad request');
    }
    logger.error(`http: ${c.req.method} ${c.req.path} failed`, error);
    return apiError(c, 500, 'internal_error', 'Something went wrong on the server');
  });
  return app;
}
