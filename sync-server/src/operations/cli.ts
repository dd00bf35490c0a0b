/**
 * Backup and restore from the shell:
 *
 *   npm run backup -- <directory>     copies MOP_DATA_DIR (default ./data) into a new, empty <directory>; safe while
 *                                     the server runs
 *   npm run restore -- <directory>    restores a backup into MOP_DATA_DIR, which must be missing or empty
 *
 * Prints one line on success and one line on failure (exit code 1), never a stack trace.
 */
import path from 'node:path';
import { OperationError, createBackup, restoreBackup, type BackupSummary } from './backup.ts';

const USAGE = 'Usage: npm run backup -- <new-directory>   |   npm run restore -- <backup-directory>';

function describe(summary: BackupSummary): string {
  const megabytes = (summary.bytes / 1_000_000).toFixed(1);
  return `${summary.files} files, ${megabytes} MB, schema version ${summary.schemaVersion}`;
}

async function main(argv: string[]): Promise<string> {
  const [command, directory, ...extra] = argv;
  if (!directory || extra.length > 0) throw new OperationError(USAGE);
  const dataDir = path.resolve(process.env.MOP_DATA_DIR || './data');
  const target = path.resolve(directory);
  if (command === 'backup') {
    const summary = await createBackup(dataDir, target);
    return `Backed up ${dataDir} to ${target} (${describe(summary)})`;
  }
  if (command === 'restore') {
    const summary = restoreBackup(target, dataDir);
    return `Restored ${target} into ${dataDir} (${describe(summary)}); start the server to use it`;
  }
  throw new OperationError(USAGE);
}

main(process.argv.slice(2)).then(
  (line) => console.log(line),
  (error: unknown) => {
    // Operator errors are already one sentence; anything else (a full disk, a permission) is shown by its message.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`${error instanceof OperationError ? '' : 'Failed: '}${message}`);
    process.exit(1);
  }
);
