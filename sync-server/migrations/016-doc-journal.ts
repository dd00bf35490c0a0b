import type { Migration } from './types.ts';

/**
 * The generation of the document journal (`doc-journal.log`, see `storage/doc-log.ts`) last folded into
 * `doc_updates`. Written in the fold's own transaction, so a crash after the fold but before the journal file
 * starts over never folds the same records twice. One row.
 */
export const migration: Migration = {
  version: 16,
  name: 'doc-journal',
  up(db) {
    db.exec(`
      CREATE TABLE doc_journal_folds (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        folded_generation INTEGER NOT NULL
      );
      INSERT INTO doc_journal_folds (id, folded_generation) VALUES (1, 0);
    `);
  }
};
