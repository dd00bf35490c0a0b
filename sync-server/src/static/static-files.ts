import fs from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8'
};

/** Files a browser must revalidate every time, so an update of the app is seen at the next visit. */
const NO_CACHE_FILES = new Set(['index.html', 'service-worker.js', 'manifest.webmanifest']);

const BUILD_MISSING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MOP server</title></head>
<body><h1>MOP server is running</h1><p>The web app has not been built yet: run <code>npm run build</code>, then reload.</p></body></html>`;

function cacheControl(relative: string): string {
  if (relative.startsWith('_app/immutable/')) return 'public, max-age=31536000, immutable';
  if (NO_CACHE_FILES.has(relative) || relative.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}

async function fileResponse(c: Context, absolute: string, relative: string): Promise<Response> {
  const data = await fs.promises.readFile(absolute);
  const type = CONTENT_TYPES[path.extname(absolute).toLowerCase()] ?? 'application/octet-stream';
  const headers = {
    'Content-Type': type,
    'Content-Length': String(data.byteLength),
    'Cache-Control': cacheControl(relative),
    'X-Content-Type-Options': 'nosniff'
  };
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);
  return c.body(new Uint8Array(data), 200, headers);
}

async function isFile(absolute: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(absolute)).isFile();
  } catch {
    return false;
  }
}

/**
 * The file of the build at the request's path, or null when there is none (the caller renders a page instead). A
 * missing hashed asset is a real 404: answering it with HTML would be cached as a script forever. Paths are resolved
 * inside `base` only (no traversal).
 */
export async function buildFileResponse(c: Context, base: string): Promise<Response | null> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    return c.text('Bad request', 400);
  }
  if (pathname.includes('\0')) return c.text('Bad request', 400);
  const absolute = path.resolve(base, `.${path.posix.normalize(pathname)}`);
  const inside = absolute === base || absolute.startsWith(base + path.sep);
  if (!inside || absolute === base) return null;
  const relative = path.relative(base, absolute).split(path.sep).join('/');
  if (await isFile(absolute)) return fileResponse(c, absolute, relative);
  // SvelteKit may emit `about.html` for a prerendered `/about`.
  if (await isFile(`${absolute}.html`)) return fileResponse(c, `${absolute}.html`, `${relative}.html`);
  if (relative.startsWith('_app/')) return c.text('Not found', 404);
  return null;
}

/** The page shown when the app has not been built. */
function buildMissingPage(c: Context): Response {
  return c.html(BUILD_MISSING_PAGE, 200, { 'Cache-Control': 'no-cache' });
}

/**
 * Serves a static SvelteKit build (adapter-static, an `index.html` fallback). A path that is not a file falls back to
 * `index.html` so client-side routes load. The server-rendering build is served by `web/`.
 */
export function staticFiles(root: string | undefined): (c: Context) => Promise<Response> {
  const base = root ? path.resolve(root) : undefined;
  return async (c) => {
    const indexPath = base ? path.join(base, 'index.html') : undefined;
    if (!base || !indexPath || !(await isFile(indexPath))) return buildMissingPage(c);
    return (await buildFileResponse(c, base)) ?? fileResponse(c, indexPath, 'index.html');
  };
}
