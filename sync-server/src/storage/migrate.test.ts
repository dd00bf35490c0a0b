import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { MIGRATIONS } from '../../migrations/index.ts';
import fs from 'node:fs';
import { DatabaseTooNewError, runMigrations } from './migrate.ts';
import { openSqliteDatabase } from './sqlite-store.ts';
import { makeTempDir } from '../test-support/harness.ts';
import { readManifest, restoreBackup } from '../operations/backup.ts';
import { UPGRADE_BACKUPS_KEPT, backupBeforeUpgrade } from '../operations/upgrade-backup.ts';

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

/** A data directory as an older MOP left it: the first `count` migrations, one user and one stored blob. */
function olderInstallation(count: number): string {
  const dir = makeTempDir();
  const db = new Database(path.join(dir, 'mop.sqlite'));
  runMigrations(db, MIGRATIONS.slice(0, count));
  db.prepare(
    "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ('u1', 'a@example.org', 'A', 'admin', 'x', '2026-01-01')"
  ).run();
  db.close();
  fs.mkdirSync(path.join(dir, 'blobs', 'ab'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'blobs', 'ab', 'ab'.padEnd(64, '0')), 'bytes');
  return dir;
}

const versionsIn = (file: string): number[] => {
  const db = new Database(file, { readonly: true });
  open.push(db);
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
    (row) => row.version
  );
};

describe('upgrades', () => {
  const latest = MIGRATIONS.at(-1)!.version;

  it('backs up an existing database before migrating it, in a form npm run restore reads', () => {
    const dir = olderInstallation(3);
    const logged: string[] = [];
    const db = openSqliteDatabase(dir, { info: (message) => logged.push(message) });
    open.push(db);
    expect(versionsIn(path.join(dir, 'mop.sqlite'))).toEqual(MIGRATIONS.map((m) => m.version));

    const backups = fs.readdirSync(path.join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`^before-upgrade-.*-schema-3-to-${latest}$`));
    const backupDir = path.join(dir, 'backups', backups[0]!);
    expect(logged).toEqual([`upgrading the database from schema 3 to ${latest}; backup taken first: ${backupDir}`]);
    expect(readManifest(backupDir).schemaVersion).toBe(3);
    expect(versionsIn(path.join(backupDir, 'mop.sqlite'))).toEqual([1, 2, 3]);
    // The blob is linked, not copied: same file, no extra space.
    const blob = path.join('blobs', 'ab', 'ab'.padEnd(64, '0'));
    expect(fs.statSync(path.join(backupDir, blob)).ino).toBe(fs.statSync(path.join(dir, blob)).ino);

    // Rolling back is a restore of that directory: the old schema and the data come back.
    const rolledBack = makeTempDir();
    restoreBackup(backupDir, rolledBack);
    expect(versionsIn(path.join(rolledBack, 'mop.sqlite'))).toEqual([1, 2, 3]);
    expect(fs.readFileSync(path.join(rolledBack, blob), 'utf8')).toBe('bytes');

    // Nothing to migrate: no new backup.
    db.close();
    open.push(openSqliteDatabase(dir));
    expect(fs.readdirSync(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('takes no backup of a new, empty database', () => {
    const dir = makeTempDir();
    open.push(openSqliteDatabase(dir));
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it(`keeps the newest ${UPGRADE_BACKUPS_KEPT} upgrade backups`, () => {
    const dir = olderInstallation(2);
    const db = new Database(path.join(dir, 'mop.sqlite'));
    open.push(db);
    const made = [1, 2, 3, 4].map((day) => backupBeforeUpgrade(db, dir, 2, 3, new Date(`2026-0${day}-01T00:00:00Z`)));
    expect(fs.readdirSync(path.join(dir, 'backups')).sort()).toEqual(made.slice(1).map((p) => path.basename(p)));
  });

  it('keeps the backup when a migration fails, and every step before the failing one applied', () => {
    const dir = olderInstallation(5);
    const db = new Database(path.join(dir, 'mop.sqlite'));
    open.push(db);
    const failing = {
      version: 99,
      name: 'broken',
      up: () => {
        throw new Error('boom');
      }
    };
    expect(() =>
      runMigrations(db, [...MIGRATIONS, failing], {
        beforeMigrating: (from, to) => backupBeforeUpgrade(db, dir, from, to)
      })
    ).toThrow('boom');
    expect(fs.readdirSync(path.join(dir, 'backups'))).toHaveLength(1);
    expect(versionsIn(path.join(dir, 'mop.sqlite'))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('refuses a database written by a newer MOP, before changing anything', () => {
    const dir = olderInstallation(MIGRATIONS.length);
    const db = new Database(path.join(dir, 'mop.sqlite'));
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from-the-future', '2027-01-01')").run(latest + 1);
    db.close();
    let refusal: unknown;
    try {
      openSqliteDatabase(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DatabaseTooNewError);
    expect((refusal as Error).message).toBe(
      `The database has schema version ${latest + 1}, written by a newer version of MOP; this version knows up to ${latest}. ` +
        'Run the newer version again, or restore the backup taken before the upgrade (see docs/operations.md, "Roll back").'
    );
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});
