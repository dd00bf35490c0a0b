import type { Migration } from './types.ts';

/**
 * Self-learning modules of the learning center (lessons and a quiz, stored whole as JSON: the catalogue serves them
 * as they are) and the certificates of completion registered for passed quizzes. `request_id` is made by the device
 * for each passed attempt, so a retried registration finds the certificate it already got.
 */
export const migration: Migration = {
  version: 5,
  name: 'learning-modules',
  up(db) {
    db.exec(`
      CREATE TABLE learning_modules (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE certificates (
        code TEXT PRIMARY KEY,
        request_id TEXT NOT NULL UNIQUE,
        module_id TEXT NOT NULL,
        module_version INTEGER NOT NULL,
        module_title TEXT NOT NULL,
        learner_name TEXT NOT NULL,
        percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
        completed_at TEXT NOT NULL,
        issued_at TEXT NOT NULL
      );
      CREATE INDEX certificates_module ON certificates(module_id);
    `);
  }
};
