import { Hono } from 'hono';
import {
  PairRecordErasureSchema,
  bumpDocEpoch,
  eraseRecord,
  erasePinsOfFiles,
  findErasableRecord,
  mentorshipDocName
} from '@mop/shared';
import type { ModuleContext } from '../module.ts';
import type { BlobStore } from '../resources/index.ts';
import { readDoc } from '../storage/read-doc.ts';
import { ApiRefusal, guarded, readBody, requirePairMember } from './http.ts';
import { deleteUnusedPairBlobs } from './pair-blobs.ts';

/**
 * Deleting for good (docs/privacy.md): a record of the pair's document, a pair file, a community post. Each removes
 * the content from the database, not only from view: the pair's document is rewritten (its log replaced by the
 * state afterwards, its epoch bumped so devices replace their copies), rows are deleted under `secure_delete`.
 */
export function deletionRoutes(ctx: ModuleContext, blobs: BlobStore): Hono {
  const app = new Hono();

  app.post(
    '/mentorships/:id/erase-record',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const mentorship = requirePairMember(c, ctx.store, user);
      const { kind, id } = await readBody(c, PairRecordErasureSchema);
      const docName = mentorshipDocName(mentorship.id);
      const record = readDoc(ctx.store, ctx.docs.liveDoc, docName, (doc) => findErasableRecord(doc, kind, id));
      if (!record) throw new ApiRefusal(404, 'not_found', `No ${kind} "${id}" in this pair`);
      // What one member wrote, the other cannot erase; pins are the pair's shelf, so either member may.
      if ((kind === 'message' || kind === 'reflection') && record.author !== user.id)
        throw new ApiRefusal(403, 'forbidden', `Only its author can delete this ${kind}`);
      // A note is deleted for good from the bin, so a click on "delete" never loses a note at once.
      if (kind === 'note' && !record.inBin)
        throw new ApiRefusal(409, 'not_in_bin', 'Move the note to the bin first; it is deleted for good from there');
      ctx.docs.rewrite(docName, (doc) => {
        eraseRecord(doc, kind, id);
        bumpDocEpoch(doc, ctx.now());
      });
      return c.body(null, 204);
    })
  );

  app.delete(
    '/mentorships/:id/files/:fileId',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const mentorship = requirePairMember(c, ctx.store, user);
      const fileId = c.req.param('fileId') ?? '';
      const file = ctx.db
        .prepare('SELECT uploaded_by, sha256 FROM pair_files WHERE id = ? AND mentorship_id = ?')
        .get(fileId, mentorship.id) as { uploaded_by: string; sha256: string } | undefined;
      if (!file) throw new ApiRefusal(404, 'not_found', 'No such file in this pair');
      if (file.uploaded_by !== user.id) throw new ApiRefusal(403, 'forbidden', 'Only the member who uploaded it can');
      ctx.docs.rewrite(mentorshipDocName(mentorship.id), (doc) => {
        erasePinsOfFiles(doc, new Set([fileId]));
        bumpDocEpoch(doc, ctx.now());
      });
      ctx.db.prepare('DELETE FROM pair_files WHERE id = ?').run(fileId);
      deleteUnusedPairBlobs(ctx.db, blobs, [file.sha256]);
      return c.body(null, 204);
    })
  );

  app.delete(
    '/programmes/:id/topics/:topicId/posts/:postId',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const post = ctx.db
        .prepare(
          `SELECT p.author_id, p.topic_id FROM community_posts p JOIN community_topics t ON t.id = p.topic_id
           WHERE p.id = ? AND t.id = ? AND t.programme_id = ?`
        )
        .get(c.req.param('postId') ?? '', c.req.param('topicId') ?? '', c.req.param('id') ?? '') as
        { author_id: string; topic_id: string } | undefined;
      if (!post) throw new ApiRefusal(404, 'not_found', 'No such post');
      if (post.author_id !== user.id) throw new ApiRefusal(403, 'forbidden', 'Only its author can delete a post');
      ctx.transaction(() => {
        ctx.db.prepare('DELETE FROM community_posts WHERE id = ?').run(c.req.param('postId'));
        // A topic whose every post is gone goes too (its title was the opening post's).
        ctx.db
          .prepare(
            'DELETE FROM community_topics WHERE id = ? AND NOT EXISTS (SELECT 1 FROM community_posts WHERE topic_id = ?)'
          )
          .run(post.topic_id, post.topic_id);
      });
      return c.body(null, 204);
    })
  );

  return app;
}
