import { Hono, type Context } from 'hono';
import {
  PackCreateSchema,
  PackPatchSchema,
  ResourceCreateSchema,
  ResourcePatchSchema,
  type PackList,
  type ResourceUploadResponse,
  type User
} from '@mop/shared';
import type { AuthAccess } from '../module.ts';
import { apiError } from '../http/errors.ts';
import { fileResponse } from './file-response.ts';
import type { ResourceLibrary } from './library.ts';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import { packZipStream } from './pack-zip.ts';
import { listedResources, toWireResource } from './wire.ts';

const isEditor = (user: User | null): boolean => user?.role === 'admin' || user?.role === 'coordinator';

/** The signed-in coordinator or admin; refuses with 401/403 otherwise. */
function requireEditor(c: Context, auth: AuthAccess): User {
  const user = auth.requireUser(c);
  if (!isEditor(user))
    throw new ApiRefusal(403, 'forbidden', 'Only coordinators and admins can change the learning repository');
  return user;
}

/**
 * The learning repository's API, mounted under `/api` inside the 64 KiB body limit: resources, files and packs, and the coordinators' and admins' JSON writes. Uploads are in `resourceUploadRoutes`.
 */
export function resourceRoutes(auth: AuthAccess, library: ResourceLibrary): Hono {
  const app = new Hono();

  app.get('/resources/:id', (c) => {
    const resource = library.resource(c.req.param('id'), isEditor(auth.currentUser(c)));
    if (!resource) return apiError(c, 404, 'not_found', `No resource "${c.req.param('id')}"`);
    return c.json(resource);
  });

  app.get('/resources/:id/files/:name', (c) => {
    const found = library.file(c.req.param('id'), c.req.param('name'));
    if (!found)
      return apiError(c, 404, 'not_found', `No file "${c.req.param('name')}" in resource "${c.req.param('id')}"`);
    return fileResponse(c, found.file, found.path);
  });

  app.get('/packs', (c) => {
    const body: PackList = { packs: library.packs(isEditor(auth.currentUser(c))) };
    return c.json(body);
  });

  app.get('/packs/:id', (c) => {
    const pack = library.pack(c.req.param('id'), isEditor(auth.currentUser(c)));
    if (!pack) return apiError(c, 404, 'not_found', `No pack "${c.req.param('id')}"`);
    return c.json(pack);
  });

  app.get('/packs/:id/zip', (c) => {
    const detail = library.pack(c.req.param('id'), isEditor(auth.currentUser(c)));
    if (!detail) return apiError(c, 404, 'not_found', `No pack "${c.req.param('id')}"`);
    const listed = listedResources(library.store);
    const headers = {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${detail.pack.id}-v${detail.pack.version}.zip"`,
      'Cache-Control': 'no-cache'
    };
    if (c.req.method === 'HEAD') return new Response(null, { headers });
    const resources = detail.pack.resourceIds.flatMap((id) => {
      const resource = listed.get(id);
      if (!resource) return [];
      const { status: _status, ...wire } = toWireResource(resource);
      return [wire];
    });
    const stream = packZipStream({
      pack: detail.pack,
      manifest: detail.manifest,
      resources,
      blobPath: (sha256) => library.blobs.pathOf(sha256),
      mtime: new Date(`${detail.pack.updatedAt}T00:00:00Z`)
    });
    return new Response(stream, { headers });
  });

  app.post(
    '/resources',
    guarded(async (c) => {
      requireEditor(c, auth);
      const input = await readBody(c, ResourceCreateSchema);
      return c.json(library.createResource(input), 201);
    })
  );

  app.patch(
    '/resources/:id',
    guarded(async (c) => {
      requireEditor(c, auth);
      const patch = await readBody(c, ResourcePatchSchema);
      return c.json(library.patchResource(c.req.param('id') ?? '', patch));
    })
  );

  app.post(
    '/resources/:id/retire',
    guarded((c) => {
      requireEditor(c, auth);
      return c.json(library.retireResource(c.req.param('id') ?? ''));
    })
  );

  app.post(
    '/packs',
    guarded(async (c) => {
      requireEditor(c, auth);
      const input = await readBody(c, PackCreateSchema);
      return c.json(library.createPack(input), 201);
    })
  );

  app.patch(
    '/packs/:id',
    guarded(async (c) => {
      requireEditor(c, auth);
      const patch = await readBody(c, PackPatchSchema);
      return c.json(library.patchPack(c.req.param('id') ?? '', patch));
    })
  );

  app.post(
    '/packs/:id/publish',
    guarded((c) => {
      requireEditor(c, auth);
      return c.json(library.publishPack(c.req.param('id') ?? ''));
    })
  );

  return app;
}

/**
 * `POST /api/resources/:id/files?name=<file name>`: the file is the raw request body. Mounted on `/api` ahead of the
 * API's 64 KiB body limit, since files may be up to `MAX_UPLOAD_BYTES`; the library enforces that limit itself
 * while streaming, and checks the session before reading a byte.
 */
export function resourceUploadRoutes(auth: AuthAccess, library: ResourceLibrary): Hono {
  const app = new Hono();
  app.use('/resources/:id/files', async (c, next) => {
    await next();
    // A refused upload leaves (part of) its body unread, so this connection cannot carry another request.
    if (c.res.status >= 400) c.res.headers.set('Connection', 'close');
  });
  app.post(
    '/resources/:id/files',
    guarded(async (c) => {
      requireEditor(c, auth);
      const name = c.req.query('name');
      if (name === undefined || name === '')
        return apiError(c, 400, 'invalid_request', 'name: give the file name as ?name=<file name>');
      const lengthHeader = c.req.header('content-length');
      const contentLength = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
      const file = await library.uploadFile({
        resourceId: c.req.param('id') ?? '',
        name,
        contentType: c.req.header('content-type'),
        contentLength,
        body: c.req.raw.body
      });
      const resource = library.resource(c.req.param('id') ?? '', true);
      if (!resource) throw new Error(`resource ${c.req.param('id')} vanished right after a file was added to it`);
      const body: ResourceUploadResponse = { file, resource };
      return c.json(body, 201);
    })
  );
  return app;
}
