import type * as Y from 'yjs';
import { META_KEY } from './notes-doc.ts';

/**
 * A document's epoch: `meta.epoch`, written only by the server when it rewrites a document to remove content for
 * good (an erased account, a deleted message, a note past the bin's grace period). Devices remember the epoch they
 * last stored; when a synced document shows another one, the device replaces its stored copy (whose update log may
 * still hold the removed text) by the document's current state. No format bump: older apps ignore the key.
 */
export const DOC_EPOCH_KEY = 'epoch';

/** The document's epoch, or '' when it has never been rewritten. */
export function docEpoch(doc: Y.Doc): string {
  const value = doc.getMap(META_KEY).get(DOC_EPOCH_KEY);
  return typeof value === 'string' ? value : '';
}

/** Sets a new epoch (call inside the rewrite); returns it. */
export function bumpDocEpoch(doc: Y.Doc, now: Date): string {
  const epoch = `${now.toISOString()}-${Math.random().toString(36).slice(2, 10)}`;
  doc.getMap(META_KEY).set(DOC_EPOCH_KEY, epoch);
  return epoch;
}
