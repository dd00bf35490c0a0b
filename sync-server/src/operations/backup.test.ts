import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { MAX_PAIR_FILES, mentorshipDocName } from '@mop/shared';
import {
  connectClient,
  login,
  makeTempDir,
  startTestServer,
  waitSynced,
  type TestServer
} from '../test-support/harness.ts';
import { JOURNAL_FILE } from '../storage/doc-journal.ts';
import { DATABASE_FILE, MANIFEST_FILE, createBackup, readManifest, restoreBackup } from './backup.ts';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, 'cli.ts');

/** Runs the backup/restore CLI as an admin would, in its own process; never throws. */
async function cli(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, MOP_DATA_DIR: dataDir }
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Every row of every table, in a stable order, for comparing two databases. */
function dumpTables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).raw().all()])
    );
  } finally {
    db.close();
  }
}

/** Every blob file under a data directory, with its bytes in hex. */
function dumpBlobs(dataDir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const directory of ['blobs', 'pair-files']) {
    const root = path.join(dataDir, directory);
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.parentPath.endsWith(`${path.sep}tmp`)) continue;
      const file = path.join(entry.parentPath, entry.name);
      result[path.relative(dataDir, file)] = fs.readFileSync(file).toString('hex');
    }
  }
  return result;
}

/** The text a document's stored updates add up to. */
function storedText(dbFile: string, docName: string): string {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const doc = new Y.Doc();
    const rows = db.prepare('SELECT data FROM doc_updates WHERE doc_name = ? ORDER BY seq').all(docName) as {
      data: Buffer;
    }[];
    for (const row of rows) Y.applyUpdate(doc, row.data);
    return doc.getText('t').toString();
  } finally {
    db.close();
  }
}

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('backup and restore', () => {
  it('backs up a server taking writes and restores a consistent copy with every blob', async () => {
    const server = await startTestServer();
    servers.push(server);
    const cookie = await login(server.url, 'mentee@example.org');
    const docName = mentorshipDocName('demo-pair-1');
    const client = connectClient(server, docName, cookie);
    await waitSynced(client);

    // Write load: a typist appending numbered words and a stream of uploaded files, until told to stop.
    let writing = true;
    let words = 0;
    let uploads = 0;
    const typing = (async () => {
      while (writing) {
        client.text.insert(client.text.length, `${words++} `);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    // A pair holds at most MAX_PAIR_FILES files: the uploads fill the first pair, then the second one's mentee takes
    // over, paced so that a quick machine does not run out of room while the backup runs.
    const uploaders = [
      { pair: 'demo-pair-1', cookie },
      { pair: 'demo-pair-2', cookie: await login(server.url, 'mentee2@example.org') }
    ];
    const uploading = (async () => {
      while (writing) {
        const uploader = uploaders[Math.floor(uploads / MAX_PAIR_FILES)];
        if (uploader) {
          const body = new TextEncoder().encode(`%PDF-1.4\n% upload ${uploads} ${'x'.repeat(2000)}\n`);
          const response = await fetch(`${server.url}/api/mentorships/${uploader.pair}/files?name=f${uploads}.pdf`, {
            method: 'POST',
            headers: { cookie: uploader.cookie, 'content-type': 'application/octet-stream' },
            body
          });
          expect(response.status).toBe(201);
          uploads++;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    while (uploads < 5 || words < 50) await new Promise((resolve) => setTimeout(resolve, 20));

    const backupDir = path.join(makeTempDir(), 'nightly');
    const [uploadsBefore, wordsBefore] = [uploads, words];
    const backup = await cli(['backup', backupDir], server.dataDir);
    // The server really was taking writes while the backup ran.
    expect(uploads).toBeGreaterThan(uploadsBefore);
    expect(words).toBeGreaterThan(wordsBefore);
    await new Promise((resolve) => setTimeout(resolve, 200));
    writing = false;
    await Promise.all([typing, uploading]);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toMatch(/^Backed up .* to .*nightly \(\d+ files, [\d.]+ MB, schema version \d+\)\n$/);

    const restoredDir = path.join(makeTempDir(), 'restored');
    const restore = await cli(['restore', backupDir], restoredDir);
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(restore.stdout).toMatch(/^Restored .* into .*restored/);

    // The restored copy is the backup, table by table and blob by blob.
    const restoredDb = path.join(restoredDir, DATABASE_FILE);
    expect(dumpTables(restoredDb)).toEqual(dumpTables(path.join(backupDir, DATABASE_FILE)));
    expect(dumpBlobs(restoredDir)).toEqual(dumpBlobs(backupDir));

    // It is one consistent moment of the live server: the typed text is a prefix of what the server ended with,
    // every file row has its blob with the right bytes, and nothing uploaded before the backup began is missing.
    client.destroy();
    const restored = new Database(restoredDb, { readonly: true });
    const rows = restored.prepare('SELECT id, sha256 FROM pair_files').all() as { id: string; sha256: string }[];
    expect(restored.pragma('foreign_key_check')).toEqual([]);
    restored.close();
    expect(rows.length).toBeGreaterThanOrEqual(uploadsBefore);
    const liveBlobs = dumpBlobs(server.dataDir);
    const restoredBlobs = dumpBlobs(restoredDir);
    for (const row of rows) {
      const key = path.join('pair-files', row.sha256.slice(0, 2), row.sha256);
      expect(restoredBlobs[key]).toBe(liveBlobs[key]);
    }
    // The backup holds the document journal (the updates not yet folded into the database), and a server started on
    // the restored directory folds it: the text read after that start is what the backup saved.
    expect(readManifest(backupDir).files.map((file) => file.path)).toContain(JOURNAL_FILE);
    await server.close();
    const again = await startTestServer({ dataDir: restoredDir });
    servers.push(again);
    expect(again.logger.errors).toEqual([]);
    const liveText = storedText(path.join(server.dataDir, DATABASE_FILE), docName);
    const restoredText = storedText(restoredDb, docName);
    expect(restoredText.split(' ').length).toBeGreaterThan(wordsBefore);
    expect(liveText.startsWith(restoredText)).toBe(true);
  }, 120_000);

  it('copies every table and blob exactly when nothing writes', async () => {
    const server = await startTestServer();
    await server.close();
    const backupDir = path.join(makeTempDir(), 'b');
    const summary = await createBackup(server.dataDir, backupDir);
    expect(summary.files).toBe(readManifest(backupDir).files.length);
    expect(Object.keys(dumpBlobs(server.dataDir)).length).toBeGreaterThan(0);
    const restoredDir = makeTempDir();
    restoreBackup(backupDir, restoredDir);
    expect(dumpTables(path.join(restoredDir, DATABASE_FILE))).toEqual(
      dumpTables(path.join(server.dataDir, DATABASE_FILE))
    );
    expect(dumpBlobs(restoredDir)).toEqual(dumpBlobs(server.dataDir));
  }, 120_000);

  it('refuses to restore over a live data directory and leaves it untouched', async () => {
    const server = await startTestServer();
    servers.push(server);
    const backupDir = path.join(makeTempDir(), 'b');
    expect((await cli(['backup', backupDir], server.dataDir)).code).toBe(0);
    const before = fs.readFileSync(path.join(server.dataDir, DATABASE_FILE));
    const refused = await cli(['restore', backupDir], server.dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/holds a database \(mop\.sqlite\) and will not be overwritten/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(path.join(server.dataDir, DATABASE_FILE))).toEqual(before);

    // Any other non-empty directory is refused too.
    const other = makeTempDir();
    fs.writeFileSync(path.join(other, 'notes.txt'), 'mine');
    expect((await cli(['restore', backupDir], other)).stderr).toMatch(/is not empty \(notes\.txt\)/);
    // And a backup never goes into a directory that holds something.
    expect((await cli(['backup', other], server.dataDir)).stderr).toMatch(/is not empty/);
  }, 120_000);

  it('refuses a damaged or incomplete backup and leaves nothing behind', async () => {
    const server = await startTestServer();
    await server.close();
    const backupDir = path.join(makeTempDir(), 'b');
    await createBackup(server.dataDir, backupDir);
    const blob = readManifest(backupDir).files.find((file) => file.path.startsWith('blobs/'));
    expect(blob).toBeDefined();
    fs.appendFileSync(path.join(backupDir, blob!.path), 'tampered');
    const target = path.join(makeTempDir(), 'data');
    const damaged = await cli(['restore', backupDir], target);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toBe(`The backup is damaged: ${blob!.path} does not match its checksum in the manifest\n`);
    expect(fs.existsSync(target)).toBe(false);

    fs.rmSync(path.join(backupDir, MANIFEST_FILE));
    expect((await cli(['restore', backupDir], target)).stderr).toMatch(/has no manifest\.json: not a MOP backup/);
    expect((await cli(['restore'], target)).stderr).toMatch(/^Usage: /);
    expect((await cli(['backup', backupDir + '-x'], makeTempDir())).stderr).toMatch(/^No database at /);
  }, 120_000);
});
