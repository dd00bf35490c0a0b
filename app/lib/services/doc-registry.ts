/**
 * What the rest of the app may ask of the open Yjs documents without loading Yjs: the session's network and
 * sign-out handling (auth.service) runs on every signed-in page, while the documents — and Yjs, y-websocket and
 * y-indexeddb with them — load only where a document is opened (a pair's workspace, the notifications page, a
 * document with edits not yet sent). `docs.service` registers itself here when it loads; before that no document is
 * open, so there is nothing to connect or close.
 */

interface OpenDocsControl {
  setDocsOnline(online: boolean): void;
  closeAllDocs(): Promise<void>;
}

let control: OpenDocsControl | null = null;
let finalCloseListener: ((docName: string, code: number) => void) | null = null;

/** Prefix of the localStorage keys holding a document's last edits whose IndexedDB write an unload cut short. */
export const UNSAVED_UPDATES_KEY_PREFIX = 'mop:unsaved-updates:';

/** Called once by `docs.service` as it loads. */
export function registerOpenDocs(loaded: OpenDocsControl): void {
  control = loaded;
}

/** Connects or disconnects every open document after the browser went online or offline. */
export function setDocsOnline(online: boolean): void {
  control?.setDocsOnline(online);
}

/** Closes every open document (after pending IndexedDB writes finished). The local copies stay. */
export async function closeAllDocs(): Promise<void> {
  await control?.closeAllDocs();
}

/**
 * Registers who hears about a connection the server closed for good (a 4400–4499 close code, after which the
 * provider stops reconnecting): 4401 means the session ended on the server, which only an API call can confirm.
 */
export function onFinalServerClose(listener: (docName: string, code: number) => void): void {
  finalCloseListener = listener;
}

/** Tells the registered listener (see `onFinalServerClose`). */
export function reportFinalServerClose(docName: string, code: number): void {
  finalCloseListener?.(docName, code);
}

/** Deletes this device's copy of a document. Only call it for documents the server has confirmed. */
export async function discardLocalCopy(docName: string): Promise<void> {
  const { clearDocument } = await import('y-indexeddb');
  await clearDocument(docName);
}

/** Documents whose last edits an unload left in localStorage (`unload-guard.ts`): they are not on the server yet. */
export function docsWithUnsavedEdits(): string[] {
  if (typeof localStorage === 'undefined') return [];
  const names: string[] = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key?.startsWith(UNSAVED_UPDATES_KEY_PREFIX)) names.push(key.slice(UNSAVED_UPDATES_KEY_PREFIX.length));
  }
  return names;
}
