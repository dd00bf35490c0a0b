/**
 * Administration from the shell, for installations without demo data (MOP_DEMO=0):
 *
 *   MOP_ADMIN_PASSWORD=… tsx sync-server/src/admin-cli.ts create-admin --email a@b.org --name "Name"
 *
 *   tsx sync-server/src/admin-cli.ts import-modules <modules.json>
 *
 * Without MOP_ADMIN_PASSWORD the password is read from stdin (hidden when stdin is a terminal). `import-modules` adds
 * or replaces self-learning modules (the format of packages/content/library/modules.json), checked first.
 * Uses MOP_DATA_DIR (default ./data) like the server; safe to run while the server is up (SQLite WAL).
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { LoginRequestSchema, describeIssues } from '@mop/shared';
import { readFileSync } from 'node:fs';
import { SqliteStore, openSqliteDatabase } from './storage/index.ts';
import { SqliteResourceStore } from './resources/index.ts';
import { SqliteModuleStore, importModules } from './modules/index.ts';
import { hashPassword } from './auth/passwords.ts';

const USAGE =
  'Usage: tsx sync-server/src/admin-cli.ts create-admin --email <email> --name "<name>"\n       tsx sync-server/src/admin-cli.ts import-modules <modules.json>';
const MIN_PASSWORD_LENGTH = 10;

function readHiddenLine(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    let value = '';
    const tty = stdin.isTTY === true;
    if (tty) stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    const finish = (result: string | null) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (tty) stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      if (result === null) reject(new Error('Cancelled'));
      else resolve(result);
    };
    const onEnd = () => finish(value);
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\u0003') return finish(null);
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(value);
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

async function createAdmin(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.name?.trim()) throw new Error(USAGE);
  const password = process.env.MOP_ADMIN_PASSWORD ?? (await readHiddenLine('Password for the new admin: '));
  const parsed = v.safeParse(LoginRequestSchema, { email: values.email, password });
  if (!parsed.success) throw new Error(describeIssues(parsed.issues));
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new Error(`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters`);

  const dataDir = path.resolve(process.env.MOP_DATA_DIR || './data');
  const store = new SqliteStore(openSqliteDatabase(dataDir));
  try {
    if (store.findUserByEmail(parsed.output.email))
      throw new Error(`A user with the email ${parsed.output.email} exists already`);
    const user = store.createUser({
      id: randomUUID(),
      email: parsed.output.email,
      name: values.name.trim(),
      role: 'admin',
      passwordHash: await hashPassword(password)
    });
    console.log(`Created admin ${user.email} (${user.id}) in ${path.join(dataDir, 'mop.sqlite')}`);
  } finally {
    store.close();
  }
}

function importModulesFromFile(args: string[]): void {
  const [file] = args;
  if (!file || args.length !== 1) throw new Error(USAGE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const dataDir = path.resolve(process.env.MOP_DATA_DIR || './data');
  const db = openSqliteDatabase(dataDir);
  try {
    const result = importModules(new SqliteModuleStore(db), new SqliteResourceStore(db), json);
    console.log(
      `Modules added: ${result.added.join(', ') || 'none'}; updated: ${result.updated.join(', ') || 'none'} (${path.join(dataDir, 'mop.sqlite')})`
    );
  } finally {
    db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'create-admin') return createAdmin(rest);
  if (command === 'import-modules') return importModulesFromFile(rest);
  throw new Error(USAGE);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
