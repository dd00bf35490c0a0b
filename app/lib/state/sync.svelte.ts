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

  constructor(readonly docName: string) {}
}

/** Every open document's sync state, by document name. */
export const openDocs = new SvelteMap<string, DocSyncState>();

/** The state shown in the connection pill on every screen. */
export function connectionState(): ConnectionState {
  return computeConnectionState(network.online, Array.from(openDocs.values()));
}
