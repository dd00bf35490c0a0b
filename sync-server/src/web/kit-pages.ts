import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

/** What the SvelteKit app receives as `platform` when the server renders one of its pages (see app/app.d.ts). */
interface KitPlatform {
  apiFetch(request: Request): Promise<Response>;
  publicOrigin: string;
  /** Whether resources may show images from other sites (`MOP_REMOTE_IMAGES`). */
  remoteImages: boolean;
}

/** The part of SvelteKit's `Server` (`build/server/index.js`, written by the adapter in svelte.config.js) that MOP calls. */
interface KitServer {
  init(options: { env: Record<string, string>; read?: (file: string) => ReadableStream }): Promise<void>;
  respond(request: Request, options: { getClientAddress(): string; platform?: KitPlatform }): Promise<Response>;
}

/** The SvelteKit build as the server uses it. */
export interface KitPages {
  /** The browser's files: `_app/…`, static files, the service worker. */
  clientDir: string;
  /** Pages SvelteKit prerendered at build time (none today; served as files when present). */
  prerenderedDir: string;
  /** Renders a page (server-side for the public learning center, the client-rendered shell for the rest). */
  respond(request: Request, clientAddress: string, platform: KitPlatform): Promise<Response>;
}

/**
 * Loads the app's build in `buildDir` (`server/index.js`, `server/manifest.js`, `client/`), or returns null when
 * `buildDir` holds no such build (not built yet, or an older static build). The import is dynamic so the server
 * starts, and explains how to build, without an app.
 */
export async function loadKitPages(buildDir: string): Promise<KitPages | null> {
  const serverEntry = path.join(buildDir, 'server', 'index.js');
  const manifestEntry = path.join(buildDir, 'server', 'manifest.js');
  if (!fs.existsSync(serverEntry) || !fs.existsSync(manifestEntry)) return null;
  const [{ Server }, { manifest }] = (await Promise.all([
    import(pathToFileURL(serverEntry).href),
    import(pathToFileURL(manifestEntry).href)
  ])) as [{ Server: new (manifest: unknown) => KitServer }, { manifest: unknown }];
  const clientDir = path.join(buildDir, 'client');
  const server = new Server(manifest);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  await server.init({
    env,
    // `read` from `$app/server`: files of the client build, inside it only.
    read: (file) => {
      const absolute = path.resolve(clientDir, file);
      if (!absolute.startsWith(clientDir + path.sep)) throw new Error(`Not a file of the build: ${file}`);
      return Readable.toWeb(fs.createReadStream(absolute)) as ReadableStream;
    }
  });
  return {
    clientDir,
    prerenderedDir: path.join(buildDir, 'prerendered'),
    respond: (request, clientAddress, platform) =>
      server.respond(request, { getClientAddress: () => clientAddress, platform })
  };
}
