import { SvelteMap } from 'svelte/reactivity';
import {
  computeConnectionState,
  type ConnectionState,
  type DocSyncSnapshot,
  type SocketStatus
} from './connection-state.ts';
import { network } from './network.svelte.ts';

/** The live sync state of one open Yjs document; written by the docs service, read by the UI. */
export class DocSyncState implements DocSyncSnapshot {
  socket = $state<SocketStatus>('disconnected');
  serverSynced = $state(false);
  unsynced = $state(false);
  persisting = $state(0);
  failedAttempts = $state(0);
  /** True once the document was loaded from IndexedDB. */
  loaded = $state(false);
  /**
   * The close code with which the server refused an update of this device (`CLOSE_UPDATE_REFUSED`,
   * `CLOSE_UPDATE_TOO_LARGE`): the change stays on this device and the connection is not retried.
   */
  refusedWith = $state<number | null>(null);

  constructor(readonly docName: string) {}
}

/** Every open document's sync state, by document name. */
export const openDocs = new SvelteMap<string, DocSyncState>();

/** The state shown in the connection pill on every screen. */
export function connectionState(): ConnectionState {
  return computeConnectionState(network.online, Array.from(openDocs.values()));
}

/** The close code of the first open document whose update the server refused (see `DocSyncState.refusedWith`). */
export function syncRefusal(): number | null {
  for (const doc of openDocs.values()) if (doc.refusedWith !== null) return doc.refusedWith;
  return null;
}
