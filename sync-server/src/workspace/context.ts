import * as Y from 'yjs';
import { mentorshipDocName } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import type { AuthAccess } from '../module.ts';
import type { BlobStore } from '../resources/index.ts';
import type { WorkspaceStore } from './store.ts';
import type { PeopleNotices } from '../notifications/index.ts';

/** What the workspace routes need. */
export interface WorkspaceContext {
  store: MopStore;
  auth: AuthAccess;
  workspace: WorkspaceStore;
  /** Files uploaded to pairs: a blob store of their own (never shared with the learning repository's, which
   * deletes blobs its own tables no longer reference). */
  pairBlobs: BlobStore;
  /** The loaded Y.Doc of an open document, if the sync layer has it. */
  liveDoc: (docName: string) => Y.Doc | undefined;
  /** E-mails to the people concerned (a reply in a topic they took part in). */
  notices: PeopleNotices;
  /** Whether a coordinator may still unpublish the pair (published from a run, and neither member opened it). */
  unpublishable: (mentorshipId: string) => boolean;
}

/**
 * Runs `read` on a mentorship's document as the server holds it: the live room's doc when open (fresher), else a
 * scratch doc replayed from the stored update log and destroyed afterwards. `read` must not keep the doc.
 */
export function withMentorshipDoc<T>(
  ctx: Pick<WorkspaceContext, 'store' | 'liveDoc'>,
  mentorshipId: string,
  read: (doc: Y.Doc) => T
): T {
  const docName = mentorshipDocName(mentorshipId);
  const live = ctx.liveDoc(docName);
  if (live) return read(live);
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const row of ctx.store.loadDocUpdates(docName)) Y.applyUpdate(doc, row.data);
    });
    return read(doc);
  } finally {
    doc.destroy();
  }
}
