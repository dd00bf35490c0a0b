/**
 * Backups of a MOP data directory: the SQLite database and the content-addressed blob directories, with a manifest
 * that lists every file with its size and SHA-256 so a restore can prove it got back exactly what was saved.
 *
 * Layout of a backup directory (the same as a data directory, plus the manifest):
 *   mop.sqlite            a consistent copy made with SQLite's online backup API (safe while the server writes)
 *   doc-journal.log       the document journal (updates not yet folded into mop.sqlite), copied just before it
 *   blobs/ab/abcd…        resource files, named by their SHA-256
 *   pair-files/ab/abcd…   files uploaded to mentoring pairs, named by their SHA-256
 *   manifest.json         written last: a backup without it is incomplete and is refused by restore
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as v from 'valibot';
import { JOURNAL_FILE } from '../storage/doc-journal.ts';

/** The database file inside a data directory. */
export const DATABASE_FILE = 'mop.sqlite';
/** Blob directories inside a data directory. Their files never change once written (the name is the content's hash). */
export const BLOB_DIRECTORIES = ['blobs', 'pair-files'] as const;
export const MANIFEST_FILE = 'manifest.json';
/** Bump when the layout of a backup changes; restore refuses formats it does not know. */
const BACKUP_FORMAT_VERSION = 1;

/** A refusal or failure meant for the operator: one line, no stack trace. */
export class OperationError extends Error {}

const ManifestFileSchema = v.strictObject({
  path: v.pipe(v.string(), v.minLength(1)),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sha256: v.pipe(v.string(), v.regex(/^[a-f0-9]{64}$/))
});

const ManifestSchema = v.object({
  format: v.literal('mop-backup'),
  formatVersion: v.number(),
  createdAt: v.string(),
  /** The highest migration recorded in the database copy: the MOP version it belongs to. */
  schemaVersion: v.number(),
  files: v.array(ManifestFileSchema)
});

export type BackupManifest = v.InferOutput<typeof ManifestSchema>;
type BackupFile = v.InferOutput<typeof ManifestFileSchema>;

export interface BackupOptions {
  /**
   * Hard-link blob files instead of copying them. Only for a backup on the same file system as the data directory
   * (the automatic backup before an upgrade): blobs are never modified in place, so a link is as good as a copy and
   * costs no space.
   */
  linkBlobs?: boolean;
}

/** What a backup or restore did, for the one-line summary the CLI prints. */
export interface BackupSummary {
  directory: string;
  files: number;
  bytes: number;
  schemaVersion: number;
}

/**
 * Backs up the data directory `dataDir` into `targetDir` (missing or empty). Safe while a server writes to the
 * database: the copy is made in one step of the online backup API, so it is one consistent point in time. Blobs
 * are copied after the database, then once more for any that appeared meanwhile, so every blob the copied database
 * names is in the backup (blobs are written before the rows that name them).
 */
export async function createBackup(
  dataDir: string,
  targetDir: string,
  options: BackupOptions = {}
): Promise<BackupSummary> {
  const source = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(source)) throw new OperationError(`No database at ${source}: is MOP_DATA_DIR right?`);
  prepareEmptyDirectory(targetDir, 'backup');
  copyJournal(dataDir, targetDir);
  const db = openExisting(source);
  try {
    // One step copies every page under one read transaction: with smaller steps, every write by the running
    // server would restart the copy, and a busy server could keep it from ever finishing.
    await db.backup(path.join(targetDir, DATABASE_FILE), { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  return finishBackup(dataDir, targetDir, options);
}

/**
 * The same as `createBackup` for an open connection that nothing else writes to (the server at start, before it
 * migrates): synchronous, with `VACUUM INTO`, which also gives one consistent copy.
 */
export function createBackupSync(
  db: Database.Database,
  dataDir: string,
  targetDir: string,
  options: BackupOptions = {}
): BackupSummary {
  prepareEmptyDirectory(targetDir, 'backup');
  copyJournal(dataDir, targetDir);
  db.prepare('VACUUM INTO ?').run(path.join(targetDir, DATABASE_FILE));
  return finishBackup(dataDir, targetDir, options);
}

/**
 * Copies the document journal (the last updates of open documents, not yet in the database) before the database is
 * copied: a fold that runs in between lands in the database copy with its generation, and the restored server then
 * skips the copied journal; without a fold, the restored server folds the copy. Either way nothing is counted twice
 * and the backup holds at least every update stored when the journal was copied.
 */
function copyJournal(dataDir: string, targetDir: string): void {
  const journal = path.join(dataDir, JOURNAL_FILE);
  if (fs.existsSync(journal)) fs.copyFileSync(journal, path.join(targetDir, JOURNAL_FILE));
}

function finishBackup(dataDir: string, targetDir: string, options: BackupOptions): BackupSummary {
  const copy = openExisting(path.join(targetDir, DATABASE_FILE));
  let schemaVersion: number;
  try {
    schemaVersion = readSchemaVersion(copy);
  } finally {
    copy.close();
  }
  // Twice: the second pass picks up blobs written while the first ran (the database copy may already name them).
  for (let pass = 0; pass < 2; pass++) {
    for (const directory of BLOB_DIRECTORIES)
      copyBlobs(path.join(dataDir, directory), path.join(targetDir, directory), options);
  }
  const journal = fs.existsSync(path.join(targetDir, JOURNAL_FILE)) ? [JOURNAL_FILE] : [];
  const files = [
    DATABASE_FILE,
    ...journal,
    ...BLOB_DIRECTORIES.flatMap((directory) => listFiles(targetDir, directory))
  ].map((relative) => describeFile(targetDir, relative));
  const manifest: BackupManifest = {
    format: 'mop-backup',
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    schemaVersion,
    files
  };
  fs.writeFileSync(path.join(targetDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return summarize(targetDir, manifest);
}

/**
 * Restores the backup in `backupDir` into `dataDir`, which must be missing or empty: a directory holding a database
 * (a live installation) is refused, never overwritten. Every file is checked against the manifest's checksum as it
 * is copied; on any mismatch the partial restore is removed and nothing is left half-done.
 */
export function restoreBackup(backupDir: string, dataDir: string): BackupSummary {
  const manifest = readManifest(backupDir);
  if (fs.existsSync(path.join(dataDir, DATABASE_FILE)))
    throw new OperationError(
      `${dataDir} holds a database (${DATABASE_FILE}) and will not be overwritten: stop the server, move that directory aside, and restore into an empty one`
    );
  const created = !fs.existsSync(dataDir);
  prepareEmptyDirectory(dataDir, 'restore');
  try {
    for (const file of manifest.files) {
      const from = safeJoin(backupDir, file.path);
      const to = safeJoin(dataDir, file.path);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      if (!fs.existsSync(from)) throw new OperationError(`The backup is incomplete: ${file.path} is missing`);
      fs.copyFileSync(from, to);
      const copied = describeFile(dataDir, file.path);
      if (copied.sha256 !== file.sha256 || copied.size !== file.size)
        throw new OperationError(`The backup is damaged: ${file.path} does not match its checksum in the manifest`);
    }
    const db = openExisting(path.join(dataDir, DATABASE_FILE));
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok')
        throw new OperationError(`The restored database fails SQLite's integrity check: ${String(check)}`);
    } finally {
      db.close();
    }
  } catch (error) {
    // Leave the directory as it was found: empty (or absent), never half restored.
    for (const entry of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    if (created) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return summarize(dataDir, manifest);
}

/** Reads and checks a backup's manifest (format, version, file names). */
export function readManifest(backupDir: string): BackupManifest {
  const file = path.join(backupDir, MANIFEST_FILE);
  if (!fs.existsSync(backupDir)) throw new OperationError(`No backup at ${backupDir}`);
  if (!fs.existsSync(file))
    throw new OperationError(`${backupDir} has no ${MANIFEST_FILE}: not a MOP backup, or one that did not finish`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new OperationError(`${file} is not valid JSON`);
  }
  const result = v.safeParse(ManifestSchema, parsed);
  if (!result.success) throw new OperationError(`${file} is not a MOP backup manifest`);
  if (result.output.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new OperationError(
      `${file} has backup format ${result.output.formatVersion}; this version of MOP reads format ${BACKUP_FORMAT_VERSION}`
    );
  if (!result.output.files.some((entry) => entry.path === DATABASE_FILE))
    throw new OperationError(`${file} lists no ${DATABASE_FILE}`);
  for (const entry of result.output.files) safeJoin(backupDir, entry.path);
  return result.output;
}

/** The highest migration version recorded in a database (0 for one that was never migrated). */
function readSchemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

function openExisting(file: string): Database.Database {
  try {
    const db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new OperationError(`Cannot open ${file}: ${(error as Error).message}`);
  }
}

function prepareEmptyDirectory(directory: string, what: 'backup' | 'restore'): void {
  try {
    fs.mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new OperationError(
      `Cannot create ${directory}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
    );
  }
  if (!fs.statSync(directory).isDirectory()) throw new OperationError(`${directory} is not a directory`);
  const entries = fs.readdirSync(directory);
  if (entries.length > 0)
    throw new OperationError(
      what === 'backup'
        ? `${directory} is not empty: give each backup a new directory (for example one named by the date)`
        : `${directory} is not empty (${entries.slice(0, 3).join(', ')}): restore only into an empty directory`
    );
}

/** Copies (or links) the blob files of `from` that `to` does not have yet; the upload temp directory is skipped. */
function copyBlobs(from: string, to: string, options: BackupOptions): void {
  if (!fs.existsSync(from)) return;
  for (const relative of listFiles(from, '.')) {
    const target = path.join(to, relative);
    if (fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      if (options.linkBlobs) linkOrCopy(path.join(from, relative), target);
      else fs.copyFileSync(path.join(from, relative), target, fs.constants.COPYFILE_EXCL);
    } catch (error) {
      // A blob deleted since it was listed is no longer named by the database either (rows go before their blobs).
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** A hard link where the file system allows one (most do), a copy where it does not. */
function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  }
}

/** Files under `root/sub`, relative to `root`, with `/` separators, skipping upload temp files. */
function listFiles(root: string, sub: string): string[] {
  const base = path.join(root, sub);
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((relative) => !relative.split('/').includes('tmp'))
    .sort();
}

function describeFile(root: string, relative: string): BackupFile {
  const file = path.join(root, relative);
  const hash = createHash('sha256');
  const descriptor = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let size = 0;
  try {
    for (;;) {
      const read = fs.readSync(descriptor, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      size += read;
    }
  } finally {
    fs.closeSync(descriptor);
  }
  return { path: relative, size, sha256: hash.digest('hex') };
}

/** `root/relative`, refusing names that would leave `root` (a tampered manifest). */
function safeJoin(root: string, relative: string): string {
  const joined = path.resolve(root, relative);
  if (path.isAbsolute(relative) || !joined.startsWith(path.resolve(root) + path.sep))
    throw new OperationError(`The manifest names a file outside the backup: ${relative}`);
  return joined;
}

function summarize(directory: string, manifest: BackupManifest): BackupSummary {
  return {
    directory,
    files: manifest.files.length,
    bytes: manifest.files.reduce((sum, file) => sum + file.size, 0),
    schemaVersion: manifest.schemaVersion
  };
}
