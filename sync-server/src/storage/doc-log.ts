import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { DocJournal, JOURNAL_HEADER_BYTES, type JournalItem } from './doc-journal.ts';
import type { StoredDocUpdate } from './store.ts';

/** Past this many bytes, the journal is folded into SQLite and starts over even while documents are open. */
const DEFAULT_JOURNAL_FOLD_BYTES = 8 * 1024 * 1024;

export interface DocLogOptions {
  /** The journal file; without it every append is a SQLite transaction (in-memory databases, offline tools). */
  journalPath?: string | undefined;
  /** Journal size that triggers a fold (`DEFAULT_JOURNAL_FOLD_BYTES`). */
  foldAtBytes?: number | undefined;
  /** Told when a fold that an append triggered failed; the journal keeps the updates and the next append retries. */
  onFoldFailed?: ((error: unknown) => void) | undefined;
}

const toBuffer = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/**
 * The documents' logs of Yjs updates: `doc_updates` in SQLite (migration 006), fronted by an append-only journal
 * file when the server runs (`DocJournal`). A group commit appends one record to the journal — its own bytes, not
 * a 4 KB page per document — and the updates reach `doc_updates` when their document is compacted (the room does
 * that after 200 updates and when its last connection closes; the merged row covers them) or when the journal is
 * folded: at start after a crash, past `foldAtBytes`, before a log is erased, and at close. Until then the journal's
 * updates are held in memory too and returned by `load` after the SQLite rows.
 */
export class SqliteDocLog {
  private journal: DocJournal | null = null;
  /** Journal updates not yet in SQLite, per document, in seq order. */
  private readonly pending = new Map<string, StoredDocUpdate[]>();
  private pendingCount = 0;
  /** The next seq of documents with pending journal updates (SQLite's max(seq) + 1 otherwise). */
  private readonly nextSeqs = new Map<string, number>();
  private readonly foldAtBytes: number;
  private readonly onFoldFailed: (error: unknown) => void;
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    options: DocLogOptions = {}
  ) {
    this.foldAtBytes = options.foldAtBytes ?? DEFAULT_JOURNAL_FOLD_BYTES;
    this.onFoldFailed = options.onFoldFailed ?? (() => {});
    this.statements = {
      docUpdates: db.prepare('SELECT seq, data FROM doc_updates WHERE doc_name = ? ORDER BY seq'),
      maxSeq: db.prepare('SELECT max(seq) FROM doc_updates WHERE doc_name = ?').pluck(),
      // The sequence is per document (the primary key is (doc_name, seq)), so an append touches the one page where
      // that document's log ends; see migration 006.
      appendUpdate: db.prepare(
        `INSERT INTO doc_updates (doc_name, seq, data, created_at)
         VALUES (@docName, (SELECT coalesce(max(seq), 0) + 1 FROM doc_updates WHERE doc_name = @docName), @data, @createdAt)
         RETURNING seq`
      ),
      insertUpdate: db.prepare(
        'INSERT INTO doc_updates (doc_name, seq, data, created_at) VALUES (@docName, @seq, @data, @createdAt)'
      ),
      deleteUpdatesUpTo: db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?'),
      deleteLog: db.prepare('DELETE FROM doc_updates WHERE doc_name = ?'),
      foldedGeneration: db.prepare('SELECT folded_generation FROM doc_journal_folds WHERE id = 1').pluck(),
      setFoldedGeneration: db.prepare('UPDATE doc_journal_folds SET folded_generation = ? WHERE id = 1')
    };
    if (options.journalPath) this.journal = this.recover(options.journalPath);
  }

  /**
   * Opens the journal. Records of a generation already folded are dropped; the others (a crash left them) are
   * folded into SQLite at once, erasures applied, so the server starts with an empty journal.
   */
  private recover(journalPath: string): DocJournal {
    const folded = this.statements.foldedGeneration.get() as number;
    const { journal, generation, items } = DocJournal.open(journalPath, folded + 1);
    if (generation <= folded) {
      journal.reset(folded + 1);
      return journal;
    }
    for (const item of items) {
      if (item.kind === 'erased') this.forgetPending(item.docName);
      else this.addPending(item.docName, { seq: item.seq, data: item.data });
    }
    this.journal = journal;
    this.fold();
    return journal;
  }

  /** The stored updates of a document, oldest first: SQLite's rows, then the journal's. */
  load(docName: string): StoredDocUpdate[] {
    const rows = (this.statements.docUpdates.all(docName) as { seq: number; data: Buffer }[]).map((row) => ({
      seq: row.seq,
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)
    }));
    const pending = this.pending.get(docName);
    if (!pending) return rows;
    return [...rows, ...pending].sort((a, b) => a.seq - b.seq);
  }

  /** Appends updates (one journal record, or one SQLite transaction without a journal); returns their seqs. */
  append(updates: readonly { docName: string; data: Uint8Array }[]): number[] {
    const journal = this.journal;
    if (!journal) {
      const createdAt = new Date().toISOString();
      return this.db.transaction(() =>
        updates.map(
          ({ docName, data }) =>
            (this.statements.appendUpdate.get({ docName, data: toBuffer(data), createdAt }) as { seq: number }).seq
        )
      )();
    }
    const next = new Map<string, number>();
    const items = updates.map(({ docName, data }): JournalItem & { kind: 'update' } => {
      const seq = next.get(docName) ?? this.nextSeq(docName);
      next.set(docName, seq + 1);
      return { kind: 'update', docName, seq, data };
    });
    journal.append(items);
    for (const item of items) this.addPending(item.docName, { seq: item.seq, data: item.data });
    if (journal.size > this.foldAtBytes && !this.db.inTransaction) {
      try {
        this.fold();
      } catch (error) {
        // The updates are safe in the journal; the fold is retried after the next append.
        this.onFoldFailed(error);
      }
    }
    return items.map((item) => item.seq);
  }

  /**
   * Replaces every update of a document with seq <= `upToSeq` by one merged row (in SQLite, in one transaction);
   * returns the merged row's seq. The journal's copies of those updates are no longer needed, and once no update
   * in the journal is, it starts over.
   */
  compact(docName: string, merged: Uint8Array, upToSeq: number): number {
    if (!this.journal) {
      return this.db.transaction(() => {
        const { seq } = this.statements.appendUpdate.get({
          docName,
          data: toBuffer(merged),
          createdAt: new Date().toISOString()
        }) as { seq: number };
        this.statements.deleteUpdatesUpTo.run(docName, upToSeq);
        return seq;
      })();
    }
    // Inside a caller's transaction the rows could still be rolled back: the journal keeps its copies then (loading
    // an update twice is harmless in Yjs, and the next compaction merges them).
    const nested = this.db.inTransaction;
    const seq = this.nextSeq(docName);
    this.db.transaction(() => {
      this.statements.insertUpdate.run({ docName, seq, data: toBuffer(merged), createdAt: new Date().toISOString() });
      this.statements.deleteUpdatesUpTo.run(docName, upToSeq);
    })();
    this.nextSeqs.set(docName, seq + 1);
    if (!nested) {
      const pending = this.pending.get(docName) ?? [];
      const kept = pending.filter((update) => update.seq > upToSeq);
      this.pendingCount -= pending.length - kept.length;
      if (kept.length > 0) this.pending.set(docName, kept);
      else {
        this.pending.delete(docName);
        this.nextSeqs.delete(docName);
      }
      if (this.pendingCount === 0) this.journal.reset(this.journal.generation);
    }
    return seq;
  }

  /**
   * Deletes a document's whole log. The journal first records the erasure (so a crash never brings the updates
   * back), then, outside a caller's transaction, is folded so the erased bytes leave the file at once.
   */
  erase(docName: string): number {
    if (this.journal) {
      this.journal.append([{ kind: 'erased', docName }]);
      this.forgetPending(docName);
    }
    const removed = this.statements.deleteLog.run(docName).changes;
    if (this.journal && !this.db.inTransaction) this.fold();
    return removed;
  }

  /** Folds the journal into SQLite and closes it (the server's shutdown). */
  close(): void {
    if (!this.journal) return;
    this.fold();
    this.journal.close();
  }

  /**
   * Writes every pending journal update into `doc_updates` (one merged row per document, with the seq of its last
   * update) and the journal's generation, in one transaction; then the journal starts over with the next
   * generation. Does nothing inside a caller's transaction, which could still roll the rows back.
   */
  fold(): void {
    const journal = this.journal;
    if (!journal || this.db.inTransaction) return;
    if (this.pendingCount === 0) {
      if (journal.size > JOURNAL_HEADER_BYTES) journal.reset(journal.generation);
      return;
    }
    const createdAt = new Date().toISOString();
    this.db.transaction(() => {
      for (const [docName, updates] of this.pending) {
        const data = updates.length === 1 ? updates[0]!.data : Y.mergeUpdates(updates.map((update) => update.data));
        this.statements.insertUpdate.run({ docName, seq: updates.at(-1)!.seq, data: toBuffer(data), createdAt });
      }
      this.statements.setFoldedGeneration.run(journal.generation);
    })();
    this.pending.clear();
    this.pendingCount = 0;
    this.nextSeqs.clear();
    journal.reset(journal.generation + 1);
  }

  /** Updates in the journal not yet in SQLite (for tests and monitoring). */
  get pendingUpdates(): number {
    return this.pendingCount;
  }

  private nextSeq(docName: string): number {
    const known = this.nextSeqs.get(docName);
    if (known !== undefined) return known;
    const next = ((this.statements.maxSeq.get(docName) as number | null) ?? 0) + 1;
    this.nextSeqs.set(docName, next);
    return next;
  }

  private addPending(docName: string, update: StoredDocUpdate): void {
    const list = this.pending.get(docName);
    if (list) list.push(update);
    else this.pending.set(docName, [update]);
    this.pendingCount += 1;
    const known = this.nextSeqs.get(docName);
    if (known !== undefined && known <= update.seq) this.nextSeqs.set(docName, update.seq + 1);
  }

  private forgetPending(docName: string): void {
    this.pendingCount -= this.pending.get(docName)?.length ?? 0;
    this.pending.delete(docName);
    this.nextSeqs.delete(docName);
  }
}
