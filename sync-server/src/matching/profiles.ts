import * as Y from 'yjs';
import { profileDocName, readProfile, type MatchingProfile } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';

/** Gives the open Y.Doc of a document loaded by the sync layer, if any. */
export type LiveDocLookup = (docName: string) => Y.Doc | undefined;

/**
 * Reads a person's matching profile as the server holds it: from the live room when the document is open (so an
 * answer typed a second ago counts), else by replaying the stored update log into a scratch Y.Doc.
 */
export function readStoredProfile(store: MopStore, liveDoc: LiveDocLookup, userId: string): MatchingProfile {
  const docName = profileDocName(userId);
  const live = liveDoc(docName);
  if (live) return readProfile(live);
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const row of store.loadDocUpdates(docName)) Y.applyUpdate(doc, row.data);
    });
    return readProfile(doc);
  } finally {
    doc.destroy();
  }
}
