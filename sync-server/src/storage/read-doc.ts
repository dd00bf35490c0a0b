import * as Y from 'yjs';
import type { MopStore } from './store.ts';

/**
 * Runs `read` on a document as the server holds it: the live room's doc when open (fresher), else a scratch doc
 * replayed from the stored log and destroyed afterwards. `read` must not keep the doc.
 */
export function readDoc<T>(
  store: MopStore,
  liveDoc: (docName: string) => Y.Doc | undefined,
  docName: string,
  read: (doc: Y.Doc) => T
): T {
  const live = liveDoc(docName);
  if (live) return read(live);
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const row of store.loadDocUpdates(docName)) Y.applyUpdate(doc, row.data);
    });
    return read(doc);
  } finally {
    doc.destroy();
  }
}

/** A JSON file of a data export, indented for people to read. */
export function jsonFile(path: string, value: unknown): { path: string; content: string } {
  return { path, content: `${JSON.stringify(value, null, 2)}\n` };
}
