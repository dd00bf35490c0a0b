import path from 'node:path';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import * as v from 'valibot';
import { CatalogueSchema, PlatformInfoSchema, PUBLIC_PATHS, SESSION_COOKIE, type Catalogue } from '@mop/shared';
import { getCookie } from 'hono/cookie';
import { buildFileResponse, staticFiles } from '../static/static-files.ts';
import { atomFeed, robotsTxt, sitemapXml } from './discovery.ts';
import { loadKitPages } from './kit-pages.ts';
import { cardRoutes } from './card-routes.ts';
import type { Logger } from '../logger.ts';

/** Options of `webRoutes`. */
export interface WebOptions {
  /** The app's build: the server-rendering one (`server/`, `client/`), or an older static one (`index.html`). */
  buildDir?: string | undefined;
  /** Answers an API request in this process (the Hono app's `fetch`, with the incoming request's `env`). */
  apiFetch(request: Request, env: unknown): Promise<Response>;
  logger: Logger;
  /** `MOP_PUBLIC_URL`: the origin in canonical links, the sitemap and the feed; default the request's own. */
  publicUrl?: string | undefined;
  /** `MOP_REMOTE_IMAGES`: resources may show images from other sites (https only); default off. */
  remoteImages?: boolean | undefined;
}

/** The origin the outside world uses: the configured public URL, else the origin the request came to. */
function publicOrigin(c: Context, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  return new URL(c.req.url).origin;
}

/**
 * Everything that is not the API or the sync socket: the discovery files (sitemap, robots, feed), the app's files,
 * and its pages. Pages go through SvelteKit's `Server`, which renders the public learning center on the server and
 * answers every other route with the client-rendered shell (`ssr = false`), so one Node process serves both.
 */
export function webRoutes(options: WebOptions): Hono {
  const app = new Hono();
  // Pages, scripts, styles, the sitemap and the feed go out gzipped to browsers that accept it (a 150 kB learning
  // center page is ~30 kB): an install without a compressing proxy in front (deploy/Caddyfile has one) is as fast on
  // a phone. Ranges (206) and already encoded answers are left alone.
  app.use(compress());
  const buildDir = options.buildDir ? path.resolve(options.buildDir) : undefined;
  // Loaded once, on start; a build that cannot load is logged and the pages answer as if it were missing.
  const kitReady = (buildDir ? loadKitPages(buildDir) : Promise.resolve(null)).catch((error: unknown) => {
    options.logger.error('web: the app build could not be loaded', error);
    return null;
  });
  const serveStatic = staticFiles(buildDir);

  const catalogue = async (c: Context): Promise<Catalogue> => {
    const response = await options.apiFetch(
      new Request(new URL('/api/catalogue', c.req.url), { headers: { accept: 'application/json' } }),
      c.env
    );
    if (!response.ok) throw new Error(`The catalogue could not be read (HTTP ${response.status})`);
    return v.parse(CatalogueSchema, await response.json());
  };
  // Built on each request: a resource published a second ago is in them. Crawlers may cache them for a few minutes.
  const discoveryHeaders = (type: string) => ({ 'Content-Type': type, 'Cache-Control': 'public, max-age=300' });
  app.get('/sitemap.xml', async (c) =>
    c.body(
      sitemapXml(await catalogue(c), publicOrigin(c, options.publicUrl)),
      200,
      discoveryHeaders('application/xml; charset=utf-8')
    )
  );
  app.get('/feed.xml', async (c) =>
    c.body(
      atomFeed(await catalogue(c), publicOrigin(c, options.publicUrl)),
      200,
      discoveryHeaders('application/atom+xml; charset=utf-8')
    )
  );
  app.route(
    '/og',
    cardRoutes({
      logger: options.logger,
      catalogue,
      platformName: async (c) => {
        const response = await options.apiFetch(new Request(new URL('/api/platform', c.req.url)), c.env);
        const parsed = v.safeParse(PlatformInfoSchema, response.ok ? await response.json() : null);
        return parsed.success ? parsed.output.name : 'MOP';
      }
    })
  );
  app.get('/robots.txt', (c) =>
    c.body(robotsTxt(publicOrigin(c, options.publicUrl)), 200, discoveryHeaders('text/plain; charset=utf-8'))
  );

  // A visitor's browser (no session, a page load rather than the service worker's fetch of the shell) lands in the
  // learning center; the client-rendered `/` does the same for an installed app (app/routes/+page.ts).
  app.get('/', async (c, next) => {
    if (isVisitorPageLoad(c)) return c.redirect(PUBLIC_PATHS.learn + new URL(c.req.url).search, 302);
    await next();
  });

  app.on(['GET', 'HEAD'], '*', async (c) => {
    const kit = await kitReady;
    // No server-rendering build: an older static build (index.html fallback), or the "build the app" page.
    if (!kit) return serveStatic(c);
    const file = (await buildFileResponse(c, kit.clientDir)) ?? (await buildFileResponse(c, kit.prerenderedDir));
    if (file) return file;
    const origin = publicOrigin(c, options.publicUrl);
    // SvelteKit sees the public origin, so the page's canonical links and `url.origin` are the ones readers use.
    const incoming = new URL(c.req.url);
    const request = new Request(new URL(incoming.pathname + incoming.search, origin), c.req.raw);
    const response = await kit.respond(request, clientAddress(c), {
      apiFetch: forwardApi(options, c),
      publicOrigin: origin,
      remoteImages: options.remoteImages === true
    });
    // A page depends on the reader's language (Accept-Language) and on the live catalogue: always revalidate.
    const headers = new Headers(response.headers);
    const csp = headers.get('Content-Security-Policy');
    if (csp && options.remoteImages) headers.set('Content-Security-Policy', allowRemoteImages(csp));
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-cache');
    headers.append('Vary', 'Accept-Language');
    return new Response(c.req.method === 'HEAD' ? null : response.body, { status: response.status, headers });
  });
  return app;
}

/**
 * A browser loading a page with no session: it asks for HTML (`Accept: text/html`, which a script's or the service
 * worker's `fetch` does not send), and is not a fetch by its `Sec-Fetch-Mode`.
 */
function isVisitorPageLoad(c: Context): boolean {
  if (getCookie(c, SESSION_COOKIE)) return false;
  const mode = c.req.header('sec-fetch-mode');
  if (mode !== undefined && mode !== 'navigate') return false;
  return (c.req.header('accept') ?? '').includes('text/html');
}

/** The page's policy with `https:` added to `img-src` (SvelteKit's policy is fixed at build time; this is not). */
function allowRemoteImages(csp: string): string {
  return csp
    .split(';')
    .map((directive) => (/^\s*img-src\s/.test(directive) ? `${directive.trimEnd()} https:` : directive))
    .join(';');
}

/** API requests of a server-side load go to this process's Hono app, with the reader's cookies and address. */
function forwardApi(options: WebOptions, c: Context): (request: Request) => Promise<Response> {
  return (request) => {
    const incoming = new URL(request.url);
    // The app answers on the address the request came to (its Host), whatever the public origin is.
    return options.apiFetch(new Request(new URL(incoming.pathname + incoming.search, c.req.url), request), c.env);
  };
}

function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? '';
}
