import type { Database } from 'better-sqlite3';

/** One schema step. `version` orders the steps and is recorded in `schema_migrations` once applied. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
