import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { API_PATH, SYNC_PATH } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import type { Logger } from '../logger.ts';
import { authRoutes } from '../auth/routes.ts';
import { mentorshipRoutes } from '../mentorships/routes.ts';
import { staticFiles } from '../static/static-files.ts';
import { resourceRoutes, resourceUploadRoutes, type ResourceLibrary } from '../resources/index.ts';
import { apiError } from './errors.ts';
import { matchingRoutes, matchRequestRoutes, type MatchingContext } from '../matching/index.ts';
import { moduleRoutes, type ModuleStore } from '../modules/index.ts';
import { pairFileUploadRoutes, workspaceRoutes, type WorkspaceContext } from '../workspace/index.ts';
import type { ServerModule } from '../module.ts';

/** Largest request body the API reads. */
export const MAX_API_BODY_BYTES = 64 * 1024;

/** The Hono app: REST under `/api`, the static build for everything else. */
export function createHttpApp(options: {
  store: MopStore;
  logger: Logger;
  staticDir?: string | undefined;
  /** Called after a logout with the session's hash (the sync layer closes that session's sockets). */
  onSessionEnded?: (sessionHash: string) => void;
  /** The learning repository; its routes are left out without it. */
  resources?: ResourceLibrary | undefined;
  /** The matching workflow (programmes, runs, self-matching); its routes are left out without it. */
  matching?: MatchingContext | undefined;
  /** Self-learning modules (in the catalogue) and their certificates; left out without it. */
  modules?: ModuleStore | undefined;
  /** The mentoring workspace (progress view, calendar, pair files, discussions); its routes are left out without it. */
  workspace?: WorkspaceContext | undefined;
  /** Domains built on the module contract (module.ts): their routes are mounted under `/api`. */
  serverModules?: readonly ServerModule[];
}): Hono {
  const { store, logger } = options;
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
  api.get('/health', (c) => c.json({ ok: true as const }));
  api.route('/', authRoutes(store, options.onSessionEnded));
  api.route('/', mentorshipRoutes(store, options.matching?.matching));
  if (options.matching) {
    api.route('/', matchingRoutes(options.matching));
    api.route('/', matchRequestRoutes(options.matching));
  }
  if (options.resources) api.route('/', resourceRoutes(store, options.resources, options.modules));
  if (options.modules) api.route('/', moduleRoutes(options.modules));
  if (options.workspace) api.route('/', workspaceRoutes(options.workspace));
  for (const module of options.serverModules ?? []) {
    const routes = module.routes?.();
    if (routes) api.route('/', routes);
  }
  api.all('*', (c) => apiError(c, 404, 'not_found', `No API route ${c.req.method} ${c.req.path}`));
  // File uploads are mounted ahead of `api`, outside its 64 KiB body limit: they stream up to their own limit.
  if (options.resources) app.route(API_PATH, resourceUploadRoutes(store, options.resources));
  if (options.workspace) app.route(API_PATH, pairFileUploadRoutes(options.workspace));
  for (const module of options.serverModules ?? []) {
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
    if (error instanceof HTTPException && error.status < 500) {
      return apiError(c, error.status, 'bad_request', error.message || 'Bad request');
    }
    logger.error(`http: ${c.req.method} ${c.req.path} failed`, error);
    return apiError(c, 500, 'internal_error', 'Something went wrong on the server');
  });
  return app;
}
