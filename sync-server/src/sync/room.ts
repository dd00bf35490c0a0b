import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import {
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

/** A log longer than this is merged into one row while the room is open. */
export const COMPACT_AFTER_ROWS = 200;
/** A connection that sends this many undecodable messages is closed (1007); fewer are just dropped. */
const MAX_BAD_MESSAGES = 20;

/** One WebSocket in a room, with the awareness client IDs it has announced. */
export interface Connection {
  socket: WebSocket;
  userId: string;
  /** The session the connection was opened with, so logging out can close it. */
  sessionHash: string;
  /** A read-only connection receives the document but its sync step 2 and update frames are dropped. */
  readOnly: boolean;
  awarenessIds: Set<number>;
  badMessages: number;
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
 * Every update is appended to the store before it is broadcast, so nothing a client has seen can be lost.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<WebSocket, Connection>();
  private rowCount = 0;
  private lastSeq = 0;
  private storeFailed = false;

  constructor(
    readonly docName: string,
    private readonly store: MopStore,
    private readonly logger: Logger
  ) {
    // The server is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.load();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin));
  }

  /** Reads the stored log synchronously, so no message is answered before the document is complete. */
  private load(): void {
    const rows = this.store.loadDocUpdates(this.docName);
    this.rowCount = rows.length;
    this.lastSeq = rows.at(-1)?.seq ?? 0;
    this.doc.transact(() => {
      for (const row of rows) Y.applyUpdate(this.doc, row.data, 'store');
    }, 'store');
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
      badMessages: 0,
      lastSentAt: 0,
      alive: true
    };
    this.connections.set(socket, connection);

    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    encoding.writeVarUint(step1, SYNC_STEP_1);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(this.doc));
    this.send(connection, encoding.toUint8Array(step1));

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
   * Handles one WebSocket frame. Never throws: a frame that cannot be decoded is dropped (and counted), and
   * the document and the other connections are not affected.
   */
  receive(connection: Connection, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    try {
      // Newer clients may pack several messages in one frame.
      do {
        this.readMessage(connection, decoder);
      } while (decoding.hasContent(decoder));
    } catch (error) {
      this.rejectMessage(connection, error instanceof BadMessage ? error.message : 'undecodable message');
    }
  }

  /** Counts a bad message from a connection, closing it once it has sent too many. */
  rejectMessage(connection: Connection, reason: string, closeCode = 1007): void {
    connection.badMessages += 1;
    this.logger.warn(`sync: dropped a message on ${this.docName} from user ${connection.userId}: ${reason}`);
    if (connection.badMessages >= MAX_BAD_MESSAGES && connection.socket.readyState === WebSocket.OPEN) {
      connection.socket.close(closeCode, 'Too many malformed messages');
    }
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
        throw new BadMessage(`unknown message type ${type}`);
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
        throw new BadMessage(`unknown sync message type ${subtype}`);
    }
  }

  /**
   * Validates an update by decoding it completely before it touches the document (Yjs throws on garbage
   * while reading, which leaves the doc untouched), then applies it. Persisting and broadcasting happen in the
   * doc's update handler, so an update the doc already had is neither stored nor sent again.
   */
  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    try {
      Y.decodeUpdate(update);
    } catch {
      throw new BadMessage('malformed Yjs update');
    }
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      if (error instanceof BadMessage) throw error;
      throw new BadMessage(`update could not be applied: ${String(error)}`);
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === 'store') return;
    try {
      this.lastSeq = this.store.appendDocUpdate(this.docName, update);
      this.rowCount += 1;
    } catch (error) {
      // The update stays in memory and reaches the store at the next compaction; the sender will also resend it
      // on its next sync. We still broadcast so the pair does not diverge.
      this.storeFailed = true;
      this.logger.error(`sync: could not store an update of ${this.docName}`, error);
    }
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MESSAGE_SYNC);
    encoding.writeVarUint(message, SYNC_UPDATE);
    encoding.writeVarUint8Array(message, update);
    const bytes = encoding.toUint8Array(message);
    for (const connection of this.connections.values()) {
      if (connection !== origin) this.send(connection, bytes);
    }
    if (this.rowCount > COMPACT_AFTER_ROWS) this.compact();
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
    // Echo to everyone, the sender included, like the reference server: the echo keeps the client's
    // 30-second silence watchdog satisfied.
    const bytes = this.awarenessMessage(changed);
    for (const other of this.connections.values()) this.send(other, bytes);
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

  send(connection: Connection, bytes: Uint8Array): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    connection.lastSentAt = Date.now();
    connection.socket.send(bytes, (error) => {
      if (error) connection.socket.terminate();
    });
  }

  /** Merges the whole log into one row, in one transaction. */
  compact(): void {
    if (this.rowCount <= 1 && !this.storeFailed) return;
    try {
      const merged = Y.encodeStateAsUpdate(this.doc);
      this.lastSeq = this.store.compactDoc(this.docName, merged, this.lastSeq);
      this.rowCount = 1;
      this.storeFailed = false;
    } catch (error) {
      this.logger.error(`sync: compaction of ${this.docName} failed; the log is kept as it was`, error);
    }
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
