import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { ApiError, ResourceFile } from '@mop/shared';
import { apiError } from '../http/errors.ts';
import { contentTypeHeader, dispositionOf } from './media-types.ts';
import { decideRange, ifRangeAllows, noneMatch } from './range.ts';

/**
 * How long a browser may reuse a file without asking. Short, because a file name can be given new bytes by a
 * coordinator; after that the strong ETag makes revalidation a cheap 304.
 */
const FILE_CACHE_CONTROL = 'public, max-age=300';

/**
 * Every served upload is a sandboxed document when opened on its own: no script runs, no form submits, and it gets
 * an opaque origin, so even a file that is not what its name says cannot act as the platform (read the API with the
 * person's cookie, show a fake sign-in form). Images, audio and video are still shown (`img-src`/`media-src 'self'`).
 * Which types open in place at all is `dispositionOf` (media-types.ts); the rest is a download.
 */
const UPLOAD_CSP =
  "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/**
 * Answers `GET`/`HEAD` for a stored file: conditional requests (`If-None-Match` → 304), single byte ranges
 * (206 / 416, with `If-Range`), and the body streamed from disk so large files are never held in memory.
 */
export function fileResponse(
  c: Context,
  file: ResourceFile,
  blobPath: string,
  cacheControl: string = FILE_CACHE_CONTROL
): Response {
  const etag = `"${file.sha256}"`;
  const forceDownload = c.req.query('download') === '1';
  const disposition = forceDownload ? 'attachment' : dispositionOf(file.name);
  const headers = new Headers({
    'Content-Type': contentTypeHeader(file.mediaType),
    ETag: etag,
    'Accept-Ranges': 'bytes',
    'Cache-Control': cacheControl,
    // File names are restricted to [A-Za-z0-9._-], so they need no quoting beyond the quotes.
    'Content-Disposition': `${disposition}; filename="${file.name}"`,
    'Content-Security-Policy': UPLOAD_CSP,
    'X-Content-Type-Options': 'nosniff'
  });

  if (noneMatch(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers });

  const range = ifRangeAllows(c.req.header('if-range'), etag)
    ? decideRange(c.req.header('range'), file.size)
    : { kind: 'full' as const };
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${file.size}`);
    headers.set('Content-Type', 'application/json');
    headers.delete('Content-Disposition');
    const body: ApiError = { error: { code: 'range_not_satisfiable', message: `The file has ${file.size} bytes` } };
    return new Response(JSON.stringify(body), { status: 416, headers });
  }

  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : file.size - 1;
  headers.set('Content-Length', String(end - start + 1));
  if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${file.size}`);
  const status = range.kind === 'partial' ? 206 : 200;

  if (c.req.method === 'HEAD' || file.size === 0) return new Response(null, { status, headers });
  if (!fs.existsSync(blobPath))
    return apiError(c, 404, 'file_missing', `The bytes of ${file.name} are missing on the server`);
  const stream = Readable.toWeb(fs.createReadStream(blobPath, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(stream, { status, headers });
}
