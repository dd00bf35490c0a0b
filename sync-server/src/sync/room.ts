import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import {
  CLOSE_UPDATE_REFUSED,
  CLOSE_TOO_MANY_CLIENTS,
  CLOSE_UPDATE_TOO_LARGE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE
} from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import type { Logger } from '../logger.ts';
import type { CommitParticipant, GroupCommit } from './group-commit.ts';
import type { RejectionCounts, RejectionLog } from './rejections.ts';
import { checkUpdate, dropPending } from './update-check.ts';
import { checkDocumentUpdate, type DocumentRefusal, type DocumentRules } from './document-rules.ts';

/**
 * While the room is open, the log is merged into one row once it has more than COMPACT_AFTER_ROWS rows *and* the
 * updates since the last merge weigh at least as much as the merged row: rewriting a large document every 200
 * small edits wrote it to disk again and again (for a 40 KB document, 200 bytes per 26-byte edit). Past
 * COMPACT_ALWAYS_AFTER_ROWS it is merged regardless, which bounds the rows a load has to apply.
 */
const COMPACT_AFTER_ROWS = 200;
const COMPACT_ALWAYS_AFTER_ROWS = 2000;
/** A connection that has this many frames refused is closed; fewer are just dropped. */
export const MAX_REFUSED_FRAMES = 10;
/** Default cap of client IDs per document (docs/sync.md). */
export const DEFAULT_MAX_CLIENTS_PER_DOC = 10_000;

/** Close codes of the sync endpoint (docs/sync.md). */
const CLOSE_MALFORMED = 1007;
const CLOSE_REFUSED_UPDATES = 1008;
export const CLOSE_NOT_STORED = 1011;

/** A close reason is at most 123 bytes of UTF-8. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 120) reason = reason.slice(0, -1);
  return reason;
}

/** What every room shares with the service. */
export interface RoomContext {
  store: MopStore;
  logger: Logger;
  commits: GroupCommit;
  rejections: RejectionLog;
  maxClientsPerDoc: number;
  /** What a document accepts (docs/sync.md); null: only the integration rules apply (tests of the sync layer). */
  rulesFor(docName: string): DocumentRules | null;
  /** Told after updates to a document were stored, with the users who sent them (modules' `onDocumentStored`). */
  onStored?(event: { docName: string; doc: Y.Doc; authorIds: readonly string[] }): void;
}

/** One WebSocket in a room, with the awareness client IDs it has announced. */
export interface Connection {
  socket: WebSocket;
  userId: string;
  /** The session the connection was opened with, so logging out can close it. */
  sessionHash: string;
  /** A read-only connection receives the document but its sync step 2 and update frames are dropped. */
  readOnly: boolean;
  awarenessIds: Set<number>;
  /** Frames refused so far, by reason. */
  refused: RejectionCounts;
  /** The close code, once the server has decided to close this connection; its later frames are ignored. */
  closingWith: number | null;
  /** Messages waiting for the end of this turn's group commit. */
  outbox: Uint8Array[];
  lastSentAt: number;
  alive: boolean;
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

class BadMessage extends Error {}

/**
 * Reads an awareness update completely before it is applied: y-protocols applies entries one by one and would
 * leave half an update (and untracked client IDs) behind if it threw in the middle.
 */
function validateAwarenessUpdate(update: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      JSON.parse(decoding.readVarString(decoder));
    }
  } catch {
    throw new BadMessage('malformed awareness update');
  }
}

/**
 * The in-memory state of one open document: the Y.Doc loaded from the store, its awareness and its connections.
 * Updates are checked before they touch the document (nothing may stay pending), stored by the group commit at
 * the end of the turn, and only then broadcast; every other message also waits in an outbox for that moment.
 */
export class Room implements CommitParticipant {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<WebSocket, Connection>();
  private rowCount = 0;
  /** Bytes of the merged row written by the last compaction (or of the log as loaded), and of the rows since. */
  private compactedBytes = 0;
  private bytesSinceCompaction = 0;
  private lastSeq = 0;
  /** Updates applied to the document but not yet stored, with the connection they came from. */
  private unsaved: { update: Uint8Array; origin: unknown }[] = [];
  /** Updates stored by the last commit, to broadcast. */
  private stored: { update: Uint8Array; origin: unknown }[] = [];
  /** Awareness clients changed this turn: one awareness message per turn, not one per change. */
  private awarenessChanged = new Set<number>();
  /** Set when the store failed: the room is dropped without compaction and its clients reconnect. */
  broken = false;
  private readonly store: MopStore;
  private readonly logger: Logger;
  private readonly rules: DocumentRules | null;

  constructor(
    readonly docName: string,
    private readonly context: RoomContext
  ) {
    this.store = context.store;
    this.logger = context.logger;
    this.rules = context.rulesFor(docName);
    // The server is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.load();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin));
  }

  /**
   * Reads the stored log synchronously, so no message is answered before the document is complete. A log written
   * before updates were checked may leave something pending: it is dropped and the log compacted without it.
   */
  private load(): void {
    const rows = this.store.loadDocUpdates(this.docName);
    this.rowCount = rows.length;
    this.compactedBytes = rows.reduce((sum, row) => sum + row.data.byteLength, 0);
    this.lastSeq = rows.at(-1)?.seq ?? 0;
    this.doc.transact(() => {
      for (const row of rows) Y.applyUpdate(this.doc, row.data, 'store');
    }, 'store');
    if (dropPending(this.doc)) {
      this.logger.warn(`sync: ${this.docName} was stored with pending structs or deletions; they are dropped`);
      this.compact(true);
    }
  }

  get size(): number {
    return this.connections.size;
  }

  /** Adds a connection and starts the handshake: our sync step 1 and the current awareness states. */
  join(socket: WebSocket, userId: string, sessionHash: string, readOnly = false): Connection {
    const connection: Connection = {
      socket,
      userId,
      sessionHash,
      readOnly,
      awarenessIds: new Set(),
      refused: { total: 0, byReason: new Map() },
      closingWith: null,
      outbox: [],
      lastSentAt: 0,
      alive: true
    };
    this.connections.set(socket, connection);

    this.send(connection, this.syncStep1());

    const states = this.awareness.getStates();
    if (states.size > 0) this.send(connection, this.awarenessMessage([...states.keys()]));
    return connection;
  }

  /** Removes a connection and the awareness states it controlled. Returns true when the room is now empty. */
  leave(socket: WebSocket): boolean {
    const connection = this.connections.get(socket);
    if (!connection) return this.connections.size === 0;
    this.connections.delete(socket);
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    return this.connections.size === 0;
  }

  /**
   * Handles one WebSocket frame. Never throws: a frame that cannot be decoded is refused (and counted), and
   * the document and the other connections are not affected.
   */
  receive(connection: Connection, data: Uint8Array): void {
    if (connection.closingWith !== null) return;
    const decoder = decoding.createDecoder(data);
    try {
      // Newer clients may pack several messages in one frame.
      do {
        this.readMessage(connection, decoder);
      } while (decoding.hasContent(decoder) && connection.closingWith === null);
    } catch (error) {
      this.rejectMessage(connection, error instanceof BadMessage ? error.message : 'undecodable message');
    }
  }

  /** Counts a refused frame of a connection, closing it once it has had too many refused. */
  rejectMessage(connection: Connection, reason: string, closeCode = CLOSE_MALFORMED): void {
    this.context.rejections.record(connection, connection.refused, reason);
    this.context.commits.stats.rejectedFrames += 1;
    if (connection.refused.total >= MAX_REFUSED_FRAMES) this.close(connection, closeCode, 'Too many refused messages');
  }

  /** Closes a connection from the server's side; its later frames are ignored. */
  close(connection: Connection, code: number, reason: string): void {
    if (connection.closingWith !== null) return;
    connection.closingWith = code;
    if (code !== CLOSE_NOT_STORED) this.context.commits.stats.abusiveConnectionsClosed += 1;
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.close(code, reason);
  }

  private readMessage(connection: Connection, decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        this.readSyncMessage(connection, decoder);
        return;
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        validateAwarenessUpdate(update);
        // A reader (a coordinator on a profile) is not shown to the others: a cursor or a name it announced
        // could impersonate the owner. Dropped without counting it, like its sync step 2.
        if (connection.readOnly) return;
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        this.send(connection, this.awarenessMessage([...this.awareness.getStates().keys()]));
        return;
      case MESSAGE_AUTH:
        // Clients do not send auth messages; permission is settled at the upgrade. Skip its reason string.
        decoding.readVarUint(decoder);
        decoding.readVarString(decoder);
        return;
      default:
        throw new BadMessage('unknown message type');
    }
  }

  private readSyncMessage(connection: Connection, decoder: decoding.Decoder): void {
    const subtype = decoding.readVarUint(decoder);
    switch (subtype) {
      case SYNC_STEP_1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        // Encoding against a garbage state vector throws here, before anything is sent.
        const diff = Y.encodeStateAsUpdate(this.doc, stateVector);
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        encoding.writeVarUint(reply, SYNC_STEP_2);
        encoding.writeVarUint8Array(reply, diff);
        this.send(connection, encoding.toUint8Array(reply));
        return;
      }
      case SYNC_STEP_2:
      case SYNC_UPDATE: {
        const update = decoding.readVarUint8Array(decoder);
        // A reader's client still sends its own state (step 2) and any local edits; they never reach the
        // document. This is not a protocol error, so it is not counted against the connection.
        if (connection.readOnly) return;
        this.applyClientUpdate(connection, update);
        return;
      }
      default:
        throw new BadMessage('unknown sync message type');
    }
  }

  /**
   * Applies an update only if it integrates completely (docs/sync.md): anything Yjs would keep pending is
   * refused before it touches the document. The sender of an update that is merely ahead gets our sync step 1,
   * so a stock client that raced (its edit depends on one still on its way from another tab) answers with
   * everything we lack. Storing and broadcasting happen in the doc's update handler and the group commit, so an
   * update the doc already had is neither stored nor sent again.
   */
  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    const refusal = checkUpdate(this.doc, update, this.context.maxClientsPerDoc);
    if (refusal?.kind === 'malformed') throw new BadMessage(refusal.reason);
    if (refusal) {
      this.context.commits.stats.refusedUpdates += 1;
      if (refusal.kind === 'clients') {
        this.context.rejections.record(connection, connection.refused, 'update over the client ID cap');
        this.context.commits.stats.rejectedFrames += 1;
        this.logger.warn(`sync: ${this.docName}: ${refusal.reason}; the sender's connection is closed`);
        this.close(connection, CLOSE_TOO_MANY_CLIENTS, 'Too many client IDs in this document');
        return;
      }
      this.rejectMessage(connection, 'update ahead of the document', CLOSE_REFUSED_UPDATES);
      if (connection.closingWith === null) this.send(connection, this.syncStep1());
      return;
    }
    if (this.rules) {
      const rules = this.rules;
      const refusal = checkDocumentUpdate(rules, this.doc, update, connection.userId, () =>
        this.documentBytes(update, rules.maxDocBytes)
      );
      if (refusal) {
        this.refuseContent(connection, refusal);
        return;
      }
    }
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch {
      // Reasons are a fixed set, so the summaries stay short whatever an attacker sends.
      throw new BadMessage('update could not be applied');
    } finally {
      // Never expected after the check; if Yjs ever disagrees, nothing pending may stay.
      if (dropPending(this.doc)) this.logger.error(`sync: an update to ${this.docName} left something pending`);
    }
  }

  /**
   * An update against the document's rules (a forged author, a `javascript:` link, over a cap) is dropped for
   * everyone and its sender closed with a final code: the stock client would otherwise resend it with every later
   * update (they build on it), and each would be refused in turn. The session waits out the cool-down.
   */
  private refuseContent(connection: Connection, refusal: DocumentRefusal): void {
    this.context.commits.stats.refusedUpdates += 1;
    this.context.commits.stats.rejectedFrames += 1;
    const tooLarge = refusal.code === CLOSE_UPDATE_TOO_LARGE;
    this.context.rejections.record(
      connection,
      connection.refused,
      tooLarge ? 'update over a size cap' : 'update against the document rules'
    );
    this.logger.warn(
      `sync: ${this.docName}: refused an update from user ${connection.userId} (${refusal.reason}); closed with ${refusal.code}`
    );
    this.close(connection, tooLarge ? CLOSE_UPDATE_TOO_LARGE : CLOSE_UPDATE_REFUSED, closeReason(refusal.reason));
  }

  /**
   * The document's size: the bytes of its log (which over-counts what later edits replaced) and of what waits to
   * be stored; near the cap, the exact encoded size.
   */
  private documentBytes(update: Uint8Array, cap: number): number {
    let logged = this.compactedBytes + this.bytesSinceCompaction;
    for (const { update: waiting } of this.unsaved) logged += waiting.byteLength;
    if (logged + update.byteLength <= cap) return logged;
    return Y.encodeStateAsUpdate(this.doc).byteLength;
  }

  private syncStep1(): Uint8Array {
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    encoding.writeVarUint(step1, SYNC_STEP_1);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(this.doc));
    return encoding.toUint8Array(step1);
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === 'store' || this.broken) return;
    this.unsaved.push({ update, origin });
    this.context.commits.schedule(this);
  }

  takeUnsaved(): Uint8Array[] {
    this.stored = this.unsaved;
    this.unsaved = [];
    return this.stored.map(({ update }) => update);
  }

  committed(seqs: number[] | null): void {
    if (seqs === null) {
      // Nothing of this room may be sent now: its document holds updates that are not stored.
      this.broken = true;
      this.stored = [];
      for (const connection of this.connections.values()) connection.outbox = [];
      return;
    }
    this.lastSeq = Math.max(this.lastSeq, ...seqs);
    this.rowCount += seqs.length;
    for (const { update } of this.stored) this.bytesSinceCompaction += update.byteLength;
    const authorIds = new Set<string>();
    for (const { origin } of this.stored) {
      // The origin of a client's update is its Connection (it may have left since).
      const userId = origin !== null && typeof origin === 'object' ? (origin as Connection).userId : undefined;
      if (typeof userId === 'string') authorIds.add(userId);
    }
    this.queueBroadcast();
    if (authorIds.size > 0)
      this.context.onStored?.({ docName: this.docName, doc: this.doc, authorIds: [...authorIds] });
    if (
      this.rowCount > COMPACT_ALWAYS_AFTER_ROWS ||
      (this.rowCount > COMPACT_AFTER_ROWS && this.bytesSinceCompaction >= this.compactedBytes)
    ) {
      this.compact();
    }
  }

  /**
   * Queues the updates just stored for every connection but the one each came from, merged into one message
   * per connection: one WebSocket frame per recipient per turn, however many updates the turn brought.
   */
  private queueBroadcast(): void {
    const stored = this.stored;
    this.stored = [];
    if (stored.length === 0) return;
    const message = (updates: Uint8Array[]): Uint8Array => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, SYNC_UPDATE);
      encoding.writeVarUint8Array(encoder, updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
      return encoding.toUint8Array(encoder);
    };
    const origins = new Set(stored.map(({ origin }) => origin));
    let all: Uint8Array | undefined;
    for (const connection of this.connections.values()) {
      if (!origins.has(connection)) {
        all ??= message(stored.map(({ update }) => update));
        this.send(connection, all);
        continue;
      }
      const others = stored.filter(({ origin }) => origin !== connection).map(({ update }) => update);
      if (others.length > 0) this.send(connection, message(others));
    }
  }

  flushOutbox(): void {
    if (this.awarenessChanged.size > 0) {
      // Echo to everyone, the sender included, like the reference server: the echo keeps the client's
      // 30-second silence watchdog satisfied.
      const bytes = this.awarenessMessage([...this.awarenessChanged]);
      this.awarenessChanged.clear();
      for (const connection of this.connections.values()) connection.outbox.push(bytes);
    }
    if (this.broken) return;
    for (const connection of this.connections.values()) {
      if (connection.outbox.length === 0) continue;
      const frames = connection.outbox;
      connection.outbox = [];
      if (connection.socket.readyState !== WebSocket.OPEN) continue;
      connection.lastSentAt = Date.now();
      for (const frame of frames) {
        connection.socket.send(frame, (error) => {
          if (error) connection.socket.terminate();
        });
      }
    }
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const connection =
      origin !== null && typeof origin === 'object' ? this.connections.get((origin as Connection).socket) : undefined;
    if (connection) {
      for (const id of added) connection.awarenessIds.add(id);
      for (const id of removed) connection.awarenessIds.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    for (const id of changed) this.awarenessChanged.add(id);
    this.context.commits.schedule(this);
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  /** A message that changes nothing (an awareness update with no clients) but tells the client we are alive. */
  sendKeepalive(connection: Connection): void {
    this.send(connection, this.awarenessMessage([]));
  }

  /** Queues a message for the end of this turn, after the group commit. */
  send(connection: Connection, bytes: Uint8Array): void {
    if (connection.closingWith !== null) return;
    connection.outbox.push(bytes);
    this.context.commits.schedule(this);
  }

  /**
   * Merges the whole log into one row, in one transaction. Only called when every update of the document is
   * stored (after a commit, or after the final flush of an unloading room), so it never stores more than that.
   */
  compact(force = false): void {
    if (this.broken || (this.rowCount <= 1 && !force)) return;
    try {
      const merged = Y.encodeStateAsUpdate(this.doc);
      this.lastSeq = this.store.compactDoc(this.docName, merged, this.lastSeq);
      this.rowCount = 1;
      this.compactedBytes = merged.byteLength;
      this.bytesSinceCompaction = 0;
    } catch (error) {
      this.logger.error(`sync: compaction of ${this.docName} failed; the log is kept as it was`, error);
    }
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
