/**
 * The connection state shown in the header pill, computed from the sync state of every open document.
 * Kept free of Svelte and the DOM so it can be unit-tested.
 */
/** `online`: nothing of the user's is open to sync (a visitor, or before the first document opens). */
export type ConnectionState = 'offline' | 'online' | 'connecting' | 'syncing' | 'saved-locally' | 'synced';

export type SocketStatus = 'disconnected' | 'connecting' | 'connected';

/** What the pill needs to know about one open document. */
export interface DocSyncSnapshot {
  socket: SocketStatus;
  /** The provider's `synced`: the server answered our latest sync step 1. */
  serverSynced: boolean;
  /** Local edits exist that the server has not confirmed. */
  unsynced: boolean;
  /** Local edits whose IndexedDB write has not completed yet. */
  persisting: number;
  /** Connection attempts that failed since the last successful one. */
  failedAttempts: number;
}

/** After this many failed attempts in a row the socket counts as down, not merely "connecting". */
const FAILED_ATTEMPTS_BEFORE_DOWN = 2;

function isDown(doc: DocSyncSnapshot, online: boolean): boolean {
  if (!online) return true;
  if (doc.socket === 'disconnected') return true;
  return doc.socket === 'connecting' && doc.failedAttempts >= FAILED_ATTEMPTS_BEFORE_DOWN;
}

/**
 * One state for the whole app: the worst state of any open document. When the server cannot be reached we say
 * "Saved on this device" only once every local edit has reached IndexedDB.
 */
export function computeConnectionState(online: boolean, docs: readonly DocSyncSnapshot[]): ConnectionState {
  if (docs.length === 0) return online ? 'online' : 'offline';
  const down = docs.filter((doc) => isDown(doc, online));
  if (down.length > 0) {
    if (docs.some((doc) => doc.persisting > 0)) return 'offline';
    return docs.some((doc) => doc.unsynced) ? 'saved-locally' : 'offline';
  }
  if (docs.some((doc) => doc.socket !== 'connected')) return 'connecting';
  if (docs.some((doc) => !doc.serverSynced || doc.unsynced)) return 'syncing';
  return 'synced';
}
