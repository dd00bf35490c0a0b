import { Hono } from 'hono';
import {
  MAX_PAIR_FILES,
  MAX_PAIR_FILES_BYTES,
  MAX_PAIR_FILE_BYTES,
  MAX_USER_FILES_BYTES,
  newRecordId,
  type PairFile
} from '@mop/shared';
import { BlobTooLargeError, type PendingBlob } from '../resources/blob-store.ts';
import { ALLOWED_EXTENSIONS, FILE_NAME_PATTERN, allowedTypeOf } from '../resources/media-types.ts';
import { fileResponse } from '../resources/file-response.ts';
import { guarded, requirePairMember, ApiRefusal } from './http.ts';
import type { WorkspaceContext } from './context.ts';
import type { StoredPairFile } from './store.ts';

const toWire = (file: StoredPairFile): PairFile => ({
  fileId: file.id,
  name: file.name,
  mediaType: file.mediaType,
  size: file.size,
  sha256: file.sha256,
  uploadedBy: file.uploadedBy,
  createdAt: file.createdAt
});

const MIB = 1024 * 1024;

/**
 * Refuses an upload that would take the pair over its quota (`MAX_PAIR_FILES` files, `MAX_PAIR_FILES_BYTES`) or the
 * uploader over theirs (`MAX_USER_FILES_BYTES` over all their pairs). Checked before the body is read (with its
 * declared length) and again with its real size just before it is recorded.
 */
function checkQuota(ctx: WorkspaceContext, mentorshipId: string, userId: string, incoming: number): void {
  const pair = ctx.workspace.pairFileUsage(mentorshipId);
  if (pair.count >= MAX_PAIR_FILES || pair.bytes + incoming > MAX_PAIR_FILES_BYTES) {
    throw new ApiRefusal(
      413,
      'pair_file_quota',
      `This pair holds ${pair.count} files (${Math.ceil(pair.bytes / MIB)} MiB); a pair holds at most ${MAX_PAIR_FILES} files and ${MAX_PAIR_FILES_BYTES / MIB} MiB. Remove files from the shelf first.`
    );
  }
  const uploaded = ctx.workspace.userFileBytes(userId);
  if (uploaded + incoming > MAX_USER_FILES_BYTES) {
    throw new ApiRefusal(
      413,
      'user_file_quota',
      `You have uploaded ${Math.ceil(uploaded / MIB)} MiB to your pairs; one person uploads at most ${MAX_USER_FILES_BYTES / MIB} MiB. Remove files first.`
    );
  }
}

/**
 * `POST /api/mentorships/:id/files?name=<file name>`: a pair member uploads a file (the raw body, at most
 * `MAX_PAIR_FILE_BYTES`, types of the learning repository's allow-list, signature checked) to pin on the pair's
 * shelf, within the pair's and the uploader's quotas. Mounted ahead of the API's 64 KiB body limit; the session,
 * membership and quotas are checked before a byte is read.
 */
export function pairFileUploadRoutes(ctx: WorkspaceContext): Hono {
  const app = new Hono();
  app.use('/mentorships/:id/files', async (c, next) => {
    await next();
    // A refused upload leaves (part of) its body unread, so this connection cannot carry another request.
    if (c.res.status >= 400) c.res.headers.set('Connection', 'close');
  });
  app.post(
    '/mentorships/:id/files',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const mentorship = requirePairMember(c, ctx.store, user);
      const name = c.req.query('name') ?? '';
      if (!FILE_NAME_PATTERN.test(name)) {
        throw new ApiRefusal(
          400,
          'invalid_file_name',
          'name: give a plain file name as ?name= (letters, digits, ".", "_", "-"), at most 120 characters'
        );
      }
      const allowed = allowedTypeOf(name);
      if (!allowed)
        throw new ApiRefusal(
          415,
          'unsupported_file_type',
          `name: files of this type are not accepted; allowed: ${ALLOWED_EXTENSIONS.join(', ')}`
        );
      const declared = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (declared && declared !== 'application/octet-stream' && declared !== allowed.mediaType) {
        throw new ApiRefusal(
          415,
          'unsupported_media_type',
          `Content-Type ${declared} does not match ${name} (${allowed.mediaType})`
        );
      }
      const length = Number(c.req.header('content-length') ?? NaN);
      if (Number.isFinite(length) && length > MAX_PAIR_FILE_BYTES) {
        throw new ApiRefusal(413, 'payload_too_large', `The file is larger than ${MAX_PAIR_FILE_BYTES} bytes`);
      }
      checkQuota(ctx, mentorship.id, user.id, Number.isFinite(length) ? length : 0);
      const body = c.req.raw.body;
      if (!body) throw new ApiRefusal(400, 'empty_file', 'The request has no body: send the file as the body');
      let pending: PendingBlob;
      try {
        pending = await ctx.pairBlobs.receive(body, MAX_PAIR_FILE_BYTES);
      } catch (error) {
        if (error instanceof BlobTooLargeError) throw new ApiRefusal(413, 'payload_too_large', error.message);
        throw new ApiRefusal(400, 'upload_failed', 'The upload did not complete');
      }
      if (pending.size === 0 || (allowed.signature && !allowed.signature(pending.head))) {
        ctx.pairBlobs.discard(pending);
        throw pending.size === 0
          ? new ApiRefusal(400, 'empty_file', 'The file is empty')
          : new ApiRefusal(415, 'unsupported_file_type', `The file's content does not match its name ${name}`);
      }
      try {
        // Another upload may have finished while this body was read.
        checkQuota(ctx, mentorship.id, user.id, pending.size);
      } catch (refusal) {
        ctx.pairBlobs.discard(pending);
        throw refusal;
      }
      ctx.pairBlobs.commit(pending);
      const file: StoredPairFile = {
        id: newRecordId(),
        mentorshipId: mentorship.id,
        name,
        mediaType: allowed.mediaType,
        size: pending.size,
        sha256: pending.sha256,
        uploadedBy: user.id,
        createdAt: new Date().toISOString()
      };
      ctx.workspace.addPairFile(file);
      return c.json(toWire(file), 201);
    })
  );
  return app;
}

/** `GET /api/mentorships/:id/files/:fileId`: the file, for the pair's two members only (ranges and ETags as for resources). */
export function pairFileRoutes(ctx: WorkspaceContext): Hono {
  const app = new Hono();
  app.on(
    ['GET', 'HEAD'],
    '/mentorships/:id/files/:fileId',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const mentorship = requirePairMember(c, ctx.store, user);
      const file = ctx.workspace.getPairFile(mentorship.id, c.req.param('fileId') ?? '');
      if (!file) throw new ApiRefusal(404, 'not_found', 'No such file in this pair');
      // Private to the pair: no cache may keep it (a shared computer's disk included).
      return fileResponse(c, { ...file, url: c.req.path }, ctx.pairBlobs.pathOf(file.sha256), 'private, no-store');
    })
  );
  return app;
}
