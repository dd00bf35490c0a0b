import * as Y from 'yjs';
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  CLOSE_TOO_MANY_CLIENTS,
  CLOSE_UPDATE_REFUSED,
  CLOSE_UPDATE_TOO_LARGE,
  MESSAGE_SYNC,
  SYNC_FORMAT_VERSION,
  SYNC_PATH,
  docEpoch,
  docFormatVersion
} from '@mop/shared';
import { DocSyncState, openDocs } from '$lib/state/sync.svelte';
import { network } from '$lib/state/network.svelte';
import { getSetting, isDocUnsynced, markDocUnsynced, setSetting } from './storage.service';
import { forgetUnsavedUpdates, guardUntilWritten, recoverUnsavedUpdates, stopGuarding } from './unload-guard';
import { registerOpenDocs, reportFinalServerClose } from './doc-registry';
import { followPairSummary } from './pair-summary-refresh';

/** How long to wait after the last local edit before asking the server to confirm it has everything. */
const CONFIRM_DEBOUNCE_MS = 250;

/** An open Yjs document: stored in IndexedDB, synced over the y-websocket protocol whenever online. */
export interface DocHandle {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly sync: DocSyncState;
  /** Resolves once the document was loaded from IndexedDB; edit nothing before. */
  readonly ready: Promise<void>;
  /** False when the document was written by a newer app version than this one. */
  formatSupported(): boolean;
}

interface InternalHandle extends DocHandle {
  persistence: IndexeddbPersistence;
  dispose(): Promise<void>;
}

const handles = new Map<string, InternalHandle>();

/** Transaction origin of edits recovered after an unload: local, so they are stored and synced like typing. */
const RECOVERY_ORIGIN = Symbol('mop-recovered-edits');

function syncServerUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${SYNC_PATH}`;
}

/**
 * When the server rewrote a document to remove content for good (an erased account, a deleted message), it gave the
 * document a new epoch. This device's stored copy is a log of every update it ever saw, erased text included, so it
 * is replaced by the document's current state (from which the removed content is gone) and the epoch remembered.
 */
async function dropCopyFromEarlierEpoch(docName: string, doc: Y.Doc, persistence: IndexeddbPersistence): Promise<void> {
  const epoch = docEpoch(doc);
  const key = `doc-epoch:${docName}`;
  if (!epoch || (await getSetting<string>(key)) === epoch) return;
  await storeState(persistence, true);
  await afterPendingWrites(persistence);
  await setSetting(key, epoch);
}

/** Waits until every IndexedDB write started so far has finished (transactions on a store run in order). */
function afterPendingWrites(persistence: IndexeddbPersistence): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = persistence.db;
    if (!db) {
      void persistence.whenSynced.then(() => afterPendingWrites(persistence)).then(resolve, reject);
      return;
    }
    const tx = db.transaction(['updates'], 'readonly');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * Opens (or returns the already open) document `docName`.
 *
 * y-websocket has no acknowledgements, so to know when the server holds our edits we rely on its ordering: it
 * persists every update before answering later messages, and answers each sync step 1 with a step 2 on the same
 * socket. After a local edit we therefore send our own step 1 and treat the following step 2 (the provider's
 * `sync` event turning true) as the confirmation. The "unsynced" flag is kept in Dexie so it survives reloads.
 */
export function openDoc(docName: string): DocHandle {
  const existing = handles.get(docName);
  if (existing) return existing;

  const doc = new Y.Doc();
  // The persistence must subscribe to updates before our own listener, so its write starts first.
  const persistence = new IndexeddbPersistence(docName, doc);
  const provider = new WebsocketProvider(syncServerUrl(), docName, doc, { connect: false });
  const sync = new DocSyncState(docName);
  openDocs.set(docName, sync);

  let localSeq = 0;
  let confirmedSeq = 0;
  let probeSeq: number | null = null;
  let probeTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const setUnsynced = (unsynced: boolean) => {
    if (sync.unsynced === unsynced) return;
    sync.unsynced = unsynced;
    markDocUnsynced(docName, unsynced).catch((error: unknown) =>
      console.error(`MOP: could not record the sync state of ${docName}`, error)
    );
  };

  const sendProbe = () => {
    probeTimer = null;
    const ws = provider.ws;
    if (disposed || !provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
    probeSeq = localSeq;
    // Clearing `synced` makes the provider emit `sync: true` again on the server's next step 2.
    provider.synced = false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, doc);
    ws.send(encoding.toUint8Array(encoder));
  };

  const scheduleProbe = () => {
    if (!provider.wsconnected || probeSeq !== null) return;
    if (probeTimer !== null) clearTimeout(probeTimer);
    probeTimer = setTimeout(sendProbe, CONFIRM_DEBOUNCE_MS);
  };

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    // Updates from the server (origin: the provider) or loaded from IndexedDB are not ours to confirm.
    if (origin === provider || origin === persistence) return;
    localSeq += 1;
    setUnsynced(true);
    sync.persisting += 1;
    const written = afterPendingWrites(persistence)
      .catch((error: unknown) => console.error(`MOP: saving ${docName} on this device failed`, error))
      .finally(() => {
        sync.persisting -= 1;
      });
    guardUntilWritten(docName, update, written);
    if (provider.synced) scheduleProbe();
  };
  doc.on('update', onUpdate);
  // The home's card and the header's count read the pair's summary kept on the device: keep it current while open.
  const stopSummary = followPairSummary(docName, doc, persistence);

  provider.on('status', ({ status }) => {
    sync.socket = status;
    if (status === 'connected') sync.failedAttempts = 0;
    if (status !== 'connected') {
      probeSeq = null;
      if (probeTimer !== null) clearTimeout(probeTimer);
      probeTimer = null;
    }
  });
  provider.on('connection-close', () => {
    sync.failedAttempts += 1;
  });
  provider.on('closed', ({ code }) => {
    // The server refused an update of ours (docs/sync.md): the layout says so; resending it would be refused again.
    if (code === CLOSE_UPDATE_REFUSED || code === CLOSE_UPDATE_TOO_LARGE) sync.refusedWith = code;
    // A document at its client-ID cap refuses every new device's first edit: the "refused" banner, not "too large".
    if (code === CLOSE_TOO_MANY_CLIENTS) sync.refusedWith = CLOSE_UPDATE_REFUSED;
    reportFinalServerClose(docName, code);
  });
  provider.on('sync', (synced: boolean) => {
    sync.serverSynced = synced;
    if (!synced) return;
    dropCopyFromEarlierEpoch(docName, doc, persistence).catch((error: unknown) =>
      console.error(`MOP: could not replace the old copy of ${docName} on this device`, error)
    );
    if (probeSeq !== null) {
      confirmedSeq = Math.max(confirmedSeq, probeSeq);
      probeSeq = null;
    } else if (localSeq > confirmedSeq) {
      // First sync after connecting: our offline edits went out in reply to the server's step 1, which the server
      // sends before answering ours; one more round trip confirms they were stored.
      scheduleProbe();
      return;
    }
    if (localSeq > confirmedSeq) scheduleProbe();
    else setUnsynced(false);
  });

  const ready = (async () => {
    const [unsynced] = await Promise.all([isDocUnsynced(docName), persistence.whenSynced]);
    if (unsynced) {
      localSeq = 1;
      sync.unsynced = true;
    }
    // Edits whose IndexedDB write was cut short by the last unload come back from localStorage.
    if (recoverUnsavedUpdates(docName, doc, RECOVERY_ORIGIN)) {
      await afterPendingWrites(persistence);
      forgetUnsavedUpdates(docName);
    }
    sync.loaded = true;
    if (!disposed && network.online) provider.connect();
  })();

  const handle: InternalHandle = {
    docName,
    doc,
    provider,
    sync,
    ready,
    persistence,
    formatSupported: () => docFormatVersion(doc) <= SYNC_FORMAT_VERSION,
    async dispose() {
      disposed = true;
      if (probeTimer !== null) clearTimeout(probeTimer);
      doc.off('update', onUpdate);
      stopSummary();
      await afterPendingWrites(persistence).catch(() => undefined);
      provider.destroy();
      await persistence.destroy();
      doc.destroy();
      stopGuarding(docName);
      openDocs.delete(docName);
      handles.delete(docName);
    }
  };
  handles.set(docName, handle);
  return handle;
}

/** Connects or disconnects every open document after the browser went online or offline. */
function setDocsOnline(online: boolean): void {
  for (const handle of handles.values()) {
    if (online) {
      if (handle.sync.loaded) handle.provider.connect();
    } else {
      handle.provider.disconnect();
    }
  }
}

/** Closes every open document (after pending IndexedDB writes finished). The local copies stay. */
async function closeAllDocs(): Promise<void> {
  await Promise.all(Array.from(handles.values(), (handle) => handle.dispose()));
}

registerOpenDocs({ setDocsOnline, closeAllDocs });
