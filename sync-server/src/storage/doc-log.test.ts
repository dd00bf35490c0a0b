import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { makeTempDir } from '../test-support/harness.ts';
import { JOURNAL_HEADER_BYTES } from './doc-journal.ts';
import { SqliteDocLog } from './doc-log.ts';
import { docJournalPath, openSqliteDatabase } from './sqlite-store.ts';

const DOC = 'mentorship:one';
const OTHER = 'mentorship:two';

interface Opened {
  db: Database.Database;
  log: SqliteDocLog;
}

const open: Opened[] = [];
afterEach(() => {
  for (const { db } of open.splice(0)) if (db.open) db.close();
});

/** Opens the data directory as the server does: the database (migrated) and the doc log with its journal. */
function openLog(dataDir: string, foldAtBytes?: number): Opened {
  const db = openSqliteDatabase(dataDir);
  const log = new SqliteDocLog(db, { journalPath: docJournalPath(dataDir), foldAtBytes });
  const opened = { db, log };
  open.push(opened);
  return opened;
}

/** A process killed with SIGKILL: the database handle goes away without the log's close (no fold). */
function crash({ db }: Opened): void {
  db.close();
}

/** Successive one-character edits of one client, as a browser sends them. */
function edits(count: number, prefix = 'x'): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, prefix);
  return updates;
}

function textOf(log: SqliteDocLog, docName: string): string {
  const doc = new Y.Doc();
  for (const row of log.load(docName)) Y.applyUpdate(doc, row.data);
  return doc.getText('t').toString();
}

const rowsIn = (db: Database.Database, docName: string): number =>
  db.prepare('SELECT count(*) FROM doc_updates WHERE doc_name = ?').pluck().get(docName) as number;
const journalBytes = (dataDir: string): number => fs.statSync(docJournalPath(dataDir)).size;

describe('the document journal', () => {
  it('takes a group commit as one small record, not a SQLite row, and loads it back', () => {
    const dataDir = makeTempDir();
    const { db, log } = openLog(dataDir);
    const updates = edits(3);
    const seqs = log.append(updates.map((data) => ({ docName: DOC, data })));
    expect(seqs).toEqual([1, 2, 3]);
    expect(rowsIn(db, DOC)).toBe(0);
    const payload = updates.reduce((sum, update) => sum + update.byteLength, 0);
    // Header, then one record: its 8-byte header and, per update, kind + name length + name + seq + length + data.
    expect(journalBytes(dataDir)).toBe(JOURNAL_HEADER_BYTES + 8 + 3 * (3 + DOC.length + 8) + payload);
    expect(textOf(log, DOC)).toBe('xxx');
  });

  it('survives a crash: the restarted log folds the journal into doc_updates and starts the journal over', () => {
    const dataDir = makeTempDir();
    const first = openLog(dataDir);
    first.log.append(edits(5).map((data) => ({ docName: DOC, data })));
    first.log.append(edits(2, 'y').map((data) => ({ docName: OTHER, data })));
    crash(first);
    expect(journalBytes(dataDir)).toBeGreaterThan(JOURNAL_HEADER_BYTES);

    const second = openLog(dataDir);
    expect(journalBytes(dataDir)).toBe(JOURNAL_HEADER_BYTES);
    expect(second.log.pendingUpdates).toBe(0);
    // One merged row per document, holding every update.
    expect(rowsIn(second.db, DOC)).toBe(1);
    expect(textOf(second.log, DOC)).toBe('xxxxx');
    expect(textOf(second.log, OTHER)).toBe('yy');
    // Later appends continue the document's sequence.
    expect(second.log.append([{ docName: DOC, data: edits(6)[5]! }])).toEqual([6]);
  });

  it('drops a record cut short by the crash, and nothing before it', () => {
    const dataDir = makeTempDir();
    const first = openLog(dataDir);
    const updates = edits(2);
    first.log.append([{ docName: DOC, data: updates[0]! }]);
    first.log.append([{ docName: DOC, data: updates[1]! }]);
    crash(first);
    fs.truncateSync(docJournalPath(dataDir), journalBytes(dataDir) - 3);

    const second = openLog(dataDir);
    expect(textOf(second.log, DOC)).toBe('x');
  });

  it('never folds a generation twice when the crash came between the fold and the journal starting over', () => {
    const dataDir = makeTempDir();
    const first = openLog(dataDir);
    first.log.append(edits(4).map((data) => ({ docName: DOC, data })));
    const beforeFold = fs.readFileSync(docJournalPath(dataDir));
    first.log.fold();
    // As if the process died right after the fold's transaction: the journal file still holds the folded records.
    fs.writeFileSync(docJournalPath(dataDir), beforeFold);
    crash(first);

    const second = openLog(dataDir);
    expect(rowsIn(second.db, DOC)).toBe(1);
    expect(textOf(second.log, DOC)).toBe('xxxx');
    expect(journalBytes(dataDir)).toBe(JOURNAL_HEADER_BYTES);
  });

  it('lets compaction stand for the journal: the journal starts over once nothing in it is needed', () => {
    const dataDir = makeTempDir();
    const { db, log } = openLog(dataDir);
    const updates = edits(3);
    const seqs = log.append(updates.map((data) => ({ docName: DOC, data })));
    log.append([{ docName: OTHER, data: edits(1, 'y')[0]! }]);
    log.compact(DOC, Y.mergeUpdates(updates), seqs.at(-1)!);
    // The other document's update is still only in the journal: the file is kept.
    expect(journalBytes(dataDir)).toBeGreaterThan(JOURNAL_HEADER_BYTES);
    log.compact(OTHER, edits(1, 'y')[0]!, 1);
    expect(journalBytes(dataDir)).toBe(JOURNAL_HEADER_BYTES);
    expect(rowsIn(db, DOC)).toBe(1);
    expect(textOf(log, DOC)).toBe('xxx');
    expect(log.append([{ docName: DOC, data: edits(4)[3]! }])).toEqual([5]);
  });

  it('folds when the journal passes its size limit, one row per document', () => {
    const dataDir = makeTempDir();
    const { db, log } = openLog(dataDir, 2_000);
    for (const data of edits(60)) log.append([{ docName: DOC, data }]);
    expect(journalBytes(dataDir)).toBeLessThanOrEqual(2_000 + 100);
    expect(rowsIn(db, DOC)).toBeGreaterThanOrEqual(1);
    expect(rowsIn(db, DOC)).toBeLessThan(10);
    expect(textOf(log, DOC)).toBe('x'.repeat(60));
  });

  it('never brings an erased log back, even when the erasure ran inside a transaction and the server then died', () => {
    const dataDir = makeTempDir();
    const first = openLog(dataDir);
    first.log.append(edits(3, 's').map((data) => ({ docName: DOC, data })));
    first.log.append([{ docName: OTHER, data: edits(1, 'y')[0]! }]);
    // Inside a caller's transaction the journal cannot be folded (the caller could roll back): it records the erasure.
    first.db.transaction(() => first.log.erase(DOC))();
    expect(first.log.load(DOC)).toEqual([]);
    crash(first);

    const second = openLog(dataDir);
    expect(rowsIn(second.db, DOC)).toBe(0);
    expect(textOf(second.log, OTHER)).toBe('y');
  });

  it('outside a transaction, an erasure folds the journal so the erased bytes leave the file at once', () => {
    const dataDir = makeTempDir();
    const { log } = openLog(dataDir);
    log.append(edits(3, 's').map((data) => ({ docName: DOC, data })));
    log.append([{ docName: OTHER, data: edits(1, 'y')[0]! }]);
    log.erase(DOC);
    expect(journalBytes(dataDir)).toBe(JOURNAL_HEADER_BYTES);
    expect(fs.readFileSync(docJournalPath(dataDir)).includes(Buffer.from(DOC))).toBe(false);
    expect(textOf(log, OTHER)).toBe('y');
  });

  it('refuses to start on a file that is not a journal, and leaves it untouched', () => {
    const dataDir = makeTempDir();
    openLog(dataDir).log.close();
    fs.writeFileSync(docJournalPath(dataDir), "someone else's file, long enough to have a header");
    const db = openSqliteDatabase(dataDir);
    open.push({ db, log: undefined as never });
    expect(() => new SqliteDocLog(db, { journalPath: docJournalPath(dataDir) })).toThrow(/not a MOP document journal/);
    expect(fs.readFileSync(docJournalPath(dataDir), 'utf8')).toMatch(/^someone else/);
  });
});
