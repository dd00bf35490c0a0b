import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import {
  CLOSE_ACCESS_CHANGED,
  CLOSE_DOCUMENT_ERASED,
  CLOSE_SESSION_ENDED,
  KEEPALIVE_INTERVAL_MS,
  MAX_SYNC_MESSAGE_BYTES,
  SYNC_PATH,
  type User
} from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import type { Logger } from '../logger.ts';
import { sessionFromCookieHeader } from '../auth/sessions.ts';
import { checkDocAccess } from '../mentorships/access.ts';
import { DEFAULT_MAX_CLIENTS_PER_DOC, CLOSE_NOT_STORED, Room, type Connection, type RoomContext } from './room.ts';
import { GroupCommit, type CommitParticipant, type SyncStats } from './group-commit.ts';
import { RejectionLog } from './rejections.ts';
import { rulesFor } from './document-rules.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error'
};

/** Refuses an upgrade with a plain HTTP answer, before any WebSocket exists, so the client backs off. */
function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: { code: `http_${status}`, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy()
  );
}

/** Transaction origin of the server's own edits (erasure, deletion): broadcast to every connection. */
const SERVER_EDIT = 'server-edit';

/** How long a session whose connection was closed for refused frames is refused at the upgrade (429). */
const ABUSE_COOLDOWN_MS = 10_000;

/** Tuning of the sync endpoint; every field has a default. */
export interface SyncServiceOptions {
  /** How often connections are pinged and quiet ones sent a keep-alive; default KEEPALIVE_INTERVAL_MS. */
  keepaliveIntervalMs?: number;
  /** Extra time the group commit waits for more updates; default 0 (the end of the current event-loop turn). */
  commitDelayMs?: number;
  /** Cap of client IDs per document; default DEFAULT_MAX_CLIENTS_PER_DOC. */
  maxClientsPerDoc?: number;
  /** How often refused frames are summarised in the log; default one minute. */
  rejectionSummaryIntervalMs?: number;
  /** Check updates against the document rules (docs/sync.md); default true. Off only for the benchmark's baseline. */
  checkDocuments?: boolean;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The document name of a `/sync/<docName>` URL (percent-decoded), or null for another path. */
function docNameFromPath(pathname: string): string | null | undefined {
  const prefix = `${SYNC_PATH}/`;
  if (!pathname.startsWith(prefix)) return undefined;
  try {
    return decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
}

/**
 * The y-websocket endpoint: authorises upgrades, keeps one `Room` per open document, sends keep-alives and
 * unloads a room (after compacting its log) when its last connection closes.
 */
export class SyncService {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_SYNC_MESSAGE_BYTES,
    perMessageDeflate: false
  });
  private readonly rooms = new Map<string, Room>();
  private readonly keepalive: NodeJS.Timeout;
  private readonly keepaliveIntervalMs: number;
  private readonly context: RoomContext;
  private readonly commits: GroupCommit;
  private readonly rejections: RejectionLog;
  /** Told when someone opens a document read-only (a coordinator or admin on a profile): the access log. */
  onReadOnlyOpen: (user: User, docName: string) => void = () => {};
  /** Told when someone may open a document and connects (a pair's member opening their pair: see `PairUsage`). */
  onOpen: (user: User, docName: string) => void = () => {};
  /** Told after updates sent by clients were stored (the server's modules observe documents this way). */
  onStored: (event: { docName: string; doc: Y.Doc; authorIds: readonly string[] }) => void = () => {};
  /** Sessions whose connection was just closed for refused frames, until when they are refused. */
  private readonly cooldown = new Map<string, number>();

  constructor(
    private readonly store: MopStore,
    private readonly logger: Logger,
    options: SyncServiceOptions | number = {}
  ) {
    const settings = typeof options === 'number' ? { keepaliveIntervalMs: options } : options;
    this.keepaliveIntervalMs = settings.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS;
    this.commits = new GroupCommit(store, logger, settings.commitDelayMs ?? 0, (rooms) => this.dropRooms(rooms));
    this.rejections = new RejectionLog(logger, settings.rejectionSummaryIntervalMs);
    this.context = {
      store,
      logger,
      commits: this.commits,
      rejections: this.rejections,
      maxClientsPerDoc: settings.maxClientsPerDoc ?? DEFAULT_MAX_CLIENTS_PER_DOC,
      rulesFor: settings.checkDocuments === false ? () => null : (docName) => rulesFor(store, docName),
      onStored: (event) => this.onStored(event)
    };
    this.keepalive = setInterval(() => this.checkConnections(), this.keepaliveIntervalMs);
    this.keepalive.unref();
  }

  /** The `upgrade` listener of the HTTP server. */
  handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (error) => this.logger.warn('sync: socket error during upgrade', error));
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const docName = docNameFromPath(url.pathname);
      if (docName === undefined) return refuseUpgrade(socket, 404, 'No WebSocket endpoint here');

      const origin = request.headers.origin;
      if (origin !== undefined && !this.originMatchesHost(origin, request)) {
        return refuseUpgrade(socket, 403, 'Cross-origin WebSocket refused');
      }
      const session = sessionFromCookieHeader(this.store, request.headers.cookie);
      if (!session) return refuseUpgrade(socket, 401, 'Sign in first');
      const { user, sessionHash } = session;
      if (docName === null) return refuseUpgrade(socket, 400, 'Malformed document name');
      const until = this.cooldown.get(sessionHash);
      if (until !== undefined) {
        if (until > Date.now()) return refuseUpgrade(socket, 429, 'Too many refused messages; try again later');
        this.cooldown.delete(sessionHash);
      }

      const access = checkDocAccess(this.store, user, docName);
      if (!access.ok) return refuseUpgrade(socket, access.status, access.reason);

      // Load the document before accepting, so a document that cannot be loaded is refused with a 500 instead
      // of being served blank (a blank document would later overwrite the stored one).
      const room = this.acquireRoom(access.docName);
      if (!room) return refuseUpgrade(socket, 500, 'The document could not be loaded');
      const readOnly = access.readOnly === true;
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, user, sessionHash, room, readOnly));
      try {
        this.onOpen(user, access.docName);
      } catch (error) {
        this.logger.error('sync: could not record an opened document', error);
      }
      if (readOnly) {
        try {
          this.onReadOnlyOpen(user, access.docName);
        } catch (error) {
          this.logger.error('sync: could not record a read in the access log', error);
        }
      }
      // ws completes the handshake synchronously; if the socket was already gone no connection joined.
      if (room.size === 0) this.unload(room);
    } catch (error) {
      this.logger.error('sync: upgrade failed', error);
      refuseUpgrade(socket, 500, 'Internal error');
    }
  };

  /**
   * A browser always sends `Origin` on a WebSocket; it must be this server (directly, or as named by a reverse
   * proxy in X-Forwarded-Host), or a page on another site could ride on the user's cookie.
   */
  private originMatchesHost(origin: string, request: IncomingMessage): boolean {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return false;
    }
    const forwarded = request.headers['x-forwarded-host'];
    const hosts = [request.headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',') : [])];
    return hosts.some((host) => host !== undefined && host.trim().toLowerCase() === originHost.toLowerCase());
  }

  private acquireRoom(docName: string): Room | null {
    const open = this.rooms.get(docName);
    if (open) return open;
    try {
      const room = new Room(docName, this.context);
      this.rooms.set(docName, room);
      return room;
    } catch (error) {
      this.logger.error(`sync: could not load ${docName}`, error);
      return null;
    }
  }

  private accept(ws: WebSocket, user: User, sessionHash: string, room: Room, readOnly: boolean): void {
    const openRoom = room;
    const connection = openRoom.join(ws, user.id, sessionHash, readOnly);

    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        openRoom.rejectMessage(connection, 'text frame', 1003);
        return;
      }
      openRoom.receive(connection, toBytes(data));
    });
    ws.on('pong', () => {
      connection.alive = true;
    });
    // A frame ws itself refuses (bad framing, oversized) ends in an error and a close: counted like any refused
    // frame and reported once with the connection, not logged one by one.
    ws.on('error', (error: Error & { code?: string }) => {
      this.rejections.record(connection, connection.refused, `socket error ${error.code ?? error.message}`);
      this.commits.stats.rejectedFrames += 1;
    });
    ws.on('close', () => this.release(openRoom, connection));
  }

  private release(room: Room, connection: Connection): void {
    const closedWith = connection.closingWith;
    this.reportRefusals(room, connection);
    if (closedWith !== null && closedWith !== CLOSE_NOT_STORED && closedWith !== CLOSE_SESSION_ENDED) {
      this.cooldown.set(connection.sessionHash, Date.now() + ABUSE_COOLDOWN_MS);
    }
    if (room.leave(connection.socket)) this.unload(room);
  }

  private reportRefusals(room: Room, connection: Connection): void {
    this.rejections.connectionClosed(
      `user ${connection.userId} on ${room.docName}`,
      connection.refused,
      connection.closingWith
    );
  }

  /** Stores and sends what is pending, compacts and frees an empty room. */
  private unload(room: Room): void {
    if (room.size > 0 || this.rooms.get(room.docName) !== room) return;
    this.commits.flush();
    this.commits.forget(room);
    room.compact();
    room.destroy();
    this.rooms.delete(room.docName);
  }

  /**
   * Rooms whose updates could not be stored: their documents hold updates a restart would lose, so they are
   * dropped without compaction and their clients closed (1011, which the stock client retries); on reconnecting,
   * each client sends what the stored document lacks.
   */
  private dropRooms(rooms: CommitParticipant[]): void {
    for (const participant of rooms) {
      const room = this.rooms.get(participant.docName);
      if (room !== participant || !room) continue;
      this.rooms.delete(room.docName);
      this.commits.forget(room);
      for (const connection of room.connections.values()) {
        room.close(connection, CLOSE_NOT_STORED, 'The update could not be stored');
      }
      room.destroy();
    }
  }

  /** Pings every connection, terminates those that missed the last pong, and sends a message to quiet ones. */
  private checkConnections(): void {
    const now = Date.now();
    for (const [sessionHash, until] of this.cooldown) if (until <= now) this.cooldown.delete(sessionHash);
    for (const room of this.rooms.values()) {
      for (const connection of room.connections.values()) {
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
        // A ws ping is invisible to browser code; y-websocket's watchdog needs a real message within 30 s.
        if (now - connection.lastSentAt >= this.keepaliveIntervalMs * 0.9) room.sendKeepalive(connection);
      }
    }
  }

  /**
   * Closes the connections opened with a session that has just ended (logout). Code 4401 is in the range the
   * stock provider treats as final, so it stops reconnecting instead of retrying with a dead cookie.
   */
  endSession(sessionHash: string): void {
    for (const room of this.rooms.values()) {
      for (const connection of room.connections.values()) {
        if (connection.sessionHash === sessionHash) connection.socket.close(CLOSE_SESSION_ENDED, 'Signed out');
      }
    }
  }

  /** Closes every connection to these documents with CLOSE_ACCESS_CHANGED, so their clients reconnect. */
  reconnect(docNames: Iterable<string>): void {
    for (const docName of docNames) {
      const room = this.rooms.get(docName);
      if (!room) continue;
      for (const connection of room.connections.values())
        connection.socket.close(CLOSE_ACCESS_CHANGED, 'Access changed');
    }
  }

  /** The loaded Y.Doc of an open document, if any (fresher than the store only by updates not yet logged). */
  liveDoc(docName: string): Y.Doc | undefined {
    // What a caller reads from the live document must be stored first, as for any peer.
    this.commits.flush();
    return this.rooms.get(docName)?.doc;
  }

  /**
   * Edits a document on the server and replaces its whole log by one update encoded from the state afterwards, so
   * what `edit` deleted is gone from the database, not only hidden (the document is garbage-collected: deleted
   * content leaves no bytes in an encoded state). An open document is edited live, so its connections receive the
   * deletion now; a closed one is loaded from the store, edited and written back. Returns false when the document
   * has never been stored.
   */
  rewriteDoc(docName: string, edit: (doc: Y.Doc) => void): boolean {
    this.commits.flush();
    const room = this.rooms.get(docName);
    if (room && !room.broken) {
      room.doc.transact(() => edit(room.doc), SERVER_EDIT);
      this.commits.flush();
      room.compact(true);
      return true;
    }
    const rows = this.store.loadDocUpdates(docName);
    if (rows.length === 0) return false;
    const doc = new Y.Doc({ gc: true });
    try {
      doc.transact(() => {
        for (const row of rows) Y.applyUpdate(doc, row.data);
      });
      doc.transact(() => edit(doc), SERVER_EDIT);
      this.store.compactDoc(docName, Y.encodeStateAsUpdate(doc), rows.at(-1)?.seq ?? 0);
    } finally {
      doc.destroy();
    }
    return true;
  }

  /** Closes every connection to a document and deletes its log (an erased person's profile). */
  dropDoc(docName: string): void {
    this.commits.flush();
    const room = this.rooms.get(docName);
    if (room) {
      this.rooms.delete(docName);
      this.commits.forget(room);
      for (const connection of room.connections.values())
        connection.socket.close(CLOSE_DOCUMENT_ERASED, 'This document was erased');
      room.destroy();
    }
    this.store.deleteDocLog(docName);
  }

  /** Counters of the group commit and of refused frames. */
  get stats(): Readonly<SyncStats> {
    return this.commits.stats;
  }

  /** Number of open sync connections, over all rooms (for monitoring). */
  get openConnections(): number {
    let count = 0;
    for (const room of this.rooms.values()) count += room.connections.size;
    return count;
  }

  /** Number of documents currently loaded (for tests and monitoring). */
  get openRooms(): number {
    return this.rooms.size;
  }

  /** Stores what is pending, closes every connection, compacts and unloads every room. */
  close(): void {
    clearInterval(this.keepalive);
    this.commits.flush();
    for (const room of this.rooms.values()) {
      for (const connection of room.connections.values()) {
        this.reportRefusals(room, connection);
        connection.socket.terminate();
      }
      room.compact();
      room.destroy();
    }
    this.rooms.clear();
    this.rejections.close();
    this.wss.close();
  }
}
