import type { Migration } from './types.ts';

/**
 * Certificates and module progress that belong to an account (issue 13): a certificate registered while signed in
 * names its learner's account, and a signed-in learner's progress through the self-learning modules is kept per
 * account, so both follow the learner to every device. Anonymous certificates keep `user_id` NULL. Also an index for
 * the per-person upload quota of pair files.
 */
export const migration: Migration = {
  version: 10,
  name: 'learning-accounts',
  up(db) {
    db.exec(`
      ALTER TABLE certificates ADD COLUMN user_id TEXT REFERENCES users(id) ON DELETE SET NULL;
      CREATE INDEX certificates_user ON certificates(user_id) WHERE user_id IS NOT NULL;

      CREATE TABLE learning_progress (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        module_id TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (user_id, module_id)
      ) WITHOUT ROWID;

      CREATE INDEX pair_files_uploader ON pair_files(uploaded_by);
    `);
  }
};
