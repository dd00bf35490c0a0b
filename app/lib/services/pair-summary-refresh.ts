import type * as Y from 'yjs';
import { summarisePair } from '@mop/shared';
import { saveStoredPairSummary } from './storage.service';
import { ownPairOfDoc } from './pair-summaries.service';

/** How long after the last change of an open document its summary is rewritten. */
const SUMMARY_DEBOUNCE_MS = 300;

/**
 * Rewrites the summary kept on this device of an open pair document after each change: an edit here (made offline
 * too) or what the server sent. The copy loaded from IndexedDB (`loadOrigin`) changes nothing by itself: it may be
 * older than the summary the server just sent. Returns the stop function.
 */
export function followPairSummary(docName: string, doc: Y.Doc, loadOrigin: unknown): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const pair = ownPairOfDoc(docName);
    if (!pair) return;
    const { userId, mentorship } = pair;
    const summary = summarisePair(doc, { mentorId: mentorship.mentor.id, menteeId: mentorship.mentee.id }, userId);
    saveStoredPairSummary(userId, mentorship.id, summary).catch((error: unknown) =>
      console.error(`MOP: could not keep the summary of ${docName}`, error)
    );
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === loadOrigin) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(write, SUMMARY_DEBOUNCE_MS);
  };
  doc.on('update', onUpdate);
  return () => {
    doc.off('update', onUpdate);
    // A change still waiting is written now: the document is closing, and the home will read it.
    if (timer !== null) {
      clearTimeout(timer);
      write();
    }
  };
}
