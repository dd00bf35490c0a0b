import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { MIGRATIONS } from '../../migrations/index.ts';
import { runMigrations } from './migrate.ts';
import { openSqliteDatabase } from './sqlite-store.ts';
import { makeTempDir } from '../test-support/harness.ts';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

describe('migrations', () => {
  it('runs every migration once and records it', () => {
    const dir = makeTempDir();
    const db = openSqliteDatabase(dir);
    open.push(db);
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name
    );
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'sessions', 'programmes', 'programme_members', 'mentorships', 'doc_updates'])
    );
    expect(runMigrations(db)).toEqual([]);
    db.close();

    // Reopening the file applies nothing new.
    const again = new Database(path.join(dir, 'mop.sqlite'));
    open.push(again);
    expect(runMigrations(again)).toEqual([]);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
  });

  it('configures WAL and foreign keys', () => {
    const db = openSqliteDatabase(makeTempDir());
    open.push(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db
        .prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('t', 'nobody', '', '')")
        .run()
    ).toThrow(/FOREIGN KEY/);
  });

  it('rolls back a failing migration together with its record', () => {
    const db = new Database(':memory:');
    open.push(db);
    const failing = {
      version: 99,
      name: 'broken',
      up: (d: Database.Database) => {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      }
    };
    expect(() => runMigrations(db, [...MIGRATIONS, failing])).toThrow('boom');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(
      (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version)
    ).toEqual(MIGRATIONS.map((m) => m.version));
  });
});
