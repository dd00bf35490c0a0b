import * as Y from 'yjs';
import { UNSAVED_UPDATES_KEY_PREFIX } from './doc-registry';

/**
 * A safety net for the last keystrokes before a tab closes.
 *
 * y-indexeddb writes every update in its own IndexedDB transaction, but a transaction that has not committed when
 * the page goes away is aborted, so the last few updates can be lost (reproduced by the e2e test: typing and
 * closing the tab at once lost the last word). When the page is hidden or unloaded we copy the updates whose
 * IndexedDB write has not completed into localStorage, which is written synchronously. The next time the document
 * opens, those updates are applied again (Yjs updates are idempotent) and y-indexeddb stores them for good.
 */
const KEY_PREFIX = UNSAVED_UPDATES_KEY_PREFIX;

interface PendingUpdates {
  /** Updates whose IndexedDB write has not been confirmed, in order. */
  updates: Set<Uint8Array>;
}

const pendingByDoc = new Map<string, PendingUpdates>();
let listening = false;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function saveAllPending(): void {
  for (const [docName, pending] of pendingByDoc) {
    if (pending.updates.size === 0) continue;
    try {
      const merged = Y.mergeUpdates(Array.from(pending.updates));
      localStorage.setItem(KEY_PREFIX + docName, toBase64(merged));
    } catch (error) {
      console.error(`MOP: could not keep the last edits of ${docName}`, error);
    }
  }
}

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('pagehide', saveAllPending);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') saveAllPending();
  });
}

/** Remembers a local update until `written` resolves (its IndexedDB write completed). */
export function guardUntilWritten(docName: string, update: Uint8Array, written: Promise<unknown>): void {
  listen();
  let pending = pendingByDoc.get(docName);
  if (!pending) {
    pending = { updates: new Set() };
    pendingByDoc.set(docName, pending);
  }
  const entry = pending;
  entry.updates.add(update);
  void written.then(() => {
    entry.updates.delete(update);
  });
}

/**
 * Applies updates saved at the last unload, if any, with `origin` set to the caller's choice (use a local origin so
 * y-indexeddb stores them and the sync layer sends them). Returns true when something was recovered.
 */
export function recoverUnsavedUpdates(docName: string, doc: Y.Doc, origin: unknown): boolean {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(KEY_PREFIX + docName);
  } catch {
    return false;
  }
  if (!saved) return false;
  try {
    Y.applyUpdate(doc, fromBase64(saved), origin);
    return true;
  } catch (error) {
    console.error(`MOP: the edits kept at the last unload of ${docName} could not be applied`, error);
    return false;
  }
}

/** Forgets the copy in localStorage once the recovered updates are safely in IndexedDB. */
export function forgetUnsavedUpdates(docName: string): void {
  try {
    localStorage.removeItem(KEY_PREFIX + docName);
  } catch {
    // localStorage unavailable: there was nothing to forget.
  }
}

/** Drops what is tracked for a document that is being closed. */
export function stopGuarding(docName: string): void {
  pendingByDoc.delete(docName);
}
