import type { MopStore } from '../storage/index.ts';
import type { Logger } from '../logger.ts';

/** Counters of the sync layer, for tests, benchmarks and monitoring. */
export interface SyncStats {
  /** Group commits: writes (one journal record each) that stored updates. */
  commits: number;
  /** Updates appended by those transactions. */
  updatesStored: number;
  /** Incoming updates refused because they would have left something pending or too many client IDs. */
  refusedUpdates: number;
  /** Frames refused for any reason (malformed, refused update, text frame). */
  rejectedFrames: number;
  /** Connections closed by the server because of refused frames. */
  abusiveConnectionsClosed: number;
}

/** What a room gives the group commit: the updates to store, and what to do once they are stored (or not). */
export interface CommitParticipant {
  readonly docName: string;
  /** Hands over the updates accepted since the last commit (and forgets them). */
  takeUnsaved(): Uint8Array[];
  /** Called after the commit with the sequence number of each update taken, or null if the commit failed. */
  committed(seqs: number[] | null): void;
  /** Sends what was queued for this room's connections (only ever after its updates are stored). */
  flushOutbox(): void;
}

/**
 * Group commit: every update accepted in one event-loop turn (or within `delayMs`) is appended to the store in
 * one write (one record of the document journal, `storage/doc-log.ts`), and only then is anything sent — the broadcast of those updates and every other
 * message queued meanwhile (sync step 2 answers included, since they may contain the updates). So a peer never
 * sees an update a crash could lose, and a burst costs one write instead of one per update.
 */
export class GroupCommit {
  private readonly dirty = new Set<CommitParticipant>();
  private scheduled = false;
  private flushing = false;
  readonly stats: SyncStats = {
    commits: 0,
    updatesStored: 0,
    refusedUpdates: 0,
    rejectedFrames: 0,
    abusiveConnectionsClosed: 0
  };

  constructor(
    private readonly store: MopStore,
    private readonly logger: Logger,
    private readonly delayMs = 0,
    private readonly onCommitFailed: (rooms: CommitParticipant[]) => void = () => {}
  ) {}

  /** Marks a room as having something to store or send; the flush runs at the end of this turn. */
  schedule(room: CommitParticipant): void {
    this.dirty.add(room);
    if (this.scheduled) return;
    this.scheduled = true;
    if (this.delayMs > 0) setTimeout(() => this.flush(), this.delayMs);
    else setImmediate(() => this.flush());
  }

  /** Forgets a room that is being unloaded (after `flush`). */
  forget(room: CommitParticipant): void {
    this.dirty.delete(room);
  }

  /** Stores every pending update in one transaction, then sends every queued message. Synchronous. */
  flush(): void {
    this.scheduled = false;
    if (this.flushing || this.dirty.size === 0) return;
    this.flushing = true;
    try {
      const rooms = [...this.dirty];
      this.dirty.clear();
      const batches = rooms.map((room) => ({ room, updates: room.takeUnsaved() }));
      const writing = batches.filter((batch) => batch.updates.length > 0);
      let failed = false;
      if (writing.length > 0) {
        try {
          const seqs = this.store.appendDocUpdates(
            writing.flatMap(({ room, updates }) => updates.map((data) => ({ docName: room.docName, data })))
          );
          this.stats.commits += 1;
          this.stats.updatesStored += seqs.length;
          let offset = 0;
          for (const { room, updates } of writing) {
            room.committed(seqs.slice(offset, offset + updates.length));
            offset += updates.length;
          }
        } catch (error) {
          failed = true;
          this.logger.error(
            `sync: could not store ${writing.length} documents' updates; their connections are closed so the clients resend`,
            error
          );
          for (const { room } of writing) room.committed(null);
        }
      }
      for (const room of rooms) room.flushOutbox();
      if (failed) this.onCommitFailed(writing.map(({ room }) => room));
    } finally {
      this.flushing = false;
    }
  }
}
