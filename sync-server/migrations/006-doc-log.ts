import type { Migration } from './types.ts';

/**
 * Rebuilds the log of Yjs updates without AUTOINCREMENT and clustered by document: the primary key is
 * (doc_name, seq) with a sequence per document, in a WITHOUT ROWID table. An append now writes the one page
 * where that document's log ends, instead of a table page, an index page and the `sqlite_sequence` page — the
 * write amplification measured in docs/benchmarks.md. Existing rows keep their (globally increasing) seq, so
 * each document's order is unchanged.
 */
export const migration: Migration = {
  version: 6,
  name: 'doc-log',
  up(db) {
    db.exec(`
      CREATE TABLE doc_updates_006 (
        doc_name TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (doc_name, seq)
      ) WITHOUT ROWID;
      INSERT INTO doc_updates_006 (doc_name, seq, data, created_at)
        SELECT doc_name, seq, data, created_at FROM doc_updates;
      DROP TABLE doc_updates;
      ALTER TABLE doc_updates_006 RENAME TO doc_updates;
    `);
  }
};
