import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createBackupSync } from './backup.ts';

/** Where the automatic backups taken before an upgrade go, inside the data directory. */
const UPGRADE_BACKUPS_DIRECTORY = 'backups';
/** How many automatic upgrade backups are kept; older ones are deleted after a new one is complete. */
export const UPGRADE_BACKUPS_KEPT = 3;
const PREFIX = 'before-upgrade-';

/**
 * Backs up the data directory before the migrations from schema `from` to `to` run, into
 * `<dataDir>/backups/before-upgrade-<time>-schema-<from>-to-<to>/` (the format `npm run restore` reads), and keeps
 * the newest `UPGRADE_BACKUPS_KEPT`. Blobs are hard-linked, so the backup costs only the size of the database.
 * Returns the backup's directory.
 */
export function backupBeforeUpgrade(
  db: Database.Database,
  dataDir: string,
  from: number,
  to: number,
  now: Date = new Date()
): string {
  const root = path.join(dataDir, UPGRADE_BACKUPS_DIRECTORY);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(root, `${PREFIX}${stamp}-schema-${from}-to-${to}`);
  createBackupSync(db, dataDir, target, { linkBlobs: true });
  const backups = fs
    .readdirSync(root)
    .filter((name) => name.startsWith(PREFIX))
    .sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - UPGRADE_BACKUPS_KEPT)))
    fs.rmSync(path.join(root, old), { recursive: true, force: true });
  return target;
}
