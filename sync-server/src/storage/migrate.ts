import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from '../../migrations/index.ts';

/** A database that records migrations this code does not know: it was written by a newer version of MOP. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number
  ) {
    super(
      `The database has schema version ${databaseVersion}, written by a newer version of MOP; this version knows up to ${codeVersion}. ` +
        'Run the newer version again, or restore the backup taken before the upgrade (see docs/operations.md, "Roll back").'
    );
  }
}

/** Hooks of `runMigrations`. */
export interface MigrationOptions {
  /**
   * Called once, before the first pending migration runs, when the database already has a schema (not for a new,
   * empty one). The server takes its automatic backup here; an exception stops the migrations.
   */
  beforeMigrating?(from: number, to: number): void;
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own transaction together with
 * its record, so a crash leaves the schema at a known version. Returns the versions applied by this call.
 * Refuses (with `DatabaseTooNewError`, before changing anything) a database that records a version this code
 * does not know: running old code on a newer schema could silently lose data.
 */
export function runMigrations(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
  options: MigrationOptions = {}
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version)
  );
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const known = new Set(sorted.map((migration) => migration.version));
  const codeVersion = sorted.at(-1)?.version ?? 0;
  const databaseVersion = Math.max(0, ...applied);
  if ([...applied].some((version) => !known.has(version))) throw new DatabaseTooNewError(databaseVersion, codeVersion);

  const pending = sorted.filter((migration) => !applied.has(migration.version));
  if (pending.length > 0 && applied.size > 0) options.beforeMigrating?.(databaseVersion, codeVersion);
  const ran: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    ran.push(migration.version);
  }
  return ran;
}
