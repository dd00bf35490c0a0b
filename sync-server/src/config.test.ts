import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { makeTempDir } from './test-support/harness.ts';
import { ConfigError, readConfig } from './config.ts';
import { openSqliteDatabase } from './storage/index.ts';

const run = promisify(execFile);
const MAIN = path.resolve(import.meta.dirname, 'main.ts');

/** Starts the real server program with `env`; it is expected to stop by itself. */
async function start(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { PATH: process.env.PATH ?? '', PORT: '0', MOP_DATA_DIR: makeTempDir(), MOP_DEMO: '0' };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...base, ...env },
      timeout: 90_000
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('configuration errors stop the server with one line', () => {
  const file = path.join(makeTempDir(), 'not-a-directory');
  fs.writeFileSync(file, '');
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { PORT: 'eighty' }, /^PORT must be a whole number from 0 to 65535, not "eighty"$/],
    ['a port out of range', { PORT: '70000' }, /^PORT must be a whole number/],
    ['a data directory that is a file', { MOP_DATA_DIR: file }, /^MOP_DATA_DIR .*not-a-directory is not a directory$/],
    [
      'a data directory that cannot be created',
      { MOP_DATA_DIR: path.join(file, 'data') },
      /^MOP_DATA_DIR .* cannot be created \(ENOTDIR\)$/
    ],
    [
      'an SMTP URL of the wrong kind',
      { MOP_SMTP_URL: 'http://mail.example.org' },
      /^MOP_SMTP_URL must look like .*\(it does not start with smtp:\/\/ or smtps:\/\/\)$/
    ],
    [
      'an SMTP URL without its scheme',
      { MOP_SMTP_URL: 'mail.example.org:587' },
      /^MOP_SMTP_URL must look like .*not start with smtp/
    ],
    ['an SMTP URL without a host', { MOP_SMTP_URL: 'smtp://user:hunter2-secret@:587' }, /^MOP_SMTP_URL must look like/],
    ['a sender that is no address', { MOP_MAIL_FROM: 'MOP team' }, /^MOP_MAIL_FROM must be an address/],
    ['a public URL without a scheme', { MOP_PUBLIC_URL: 'mop.example.org' }, /^MOP_PUBLIC_URL must be a full address/],
    ['MOP_DEMO that is not a switch', { MOP_DEMO: 'maybe' }, /^MOP_DEMO must be 1 or 0/],
    ['a certificate without its key', { MOP_TLS_CERT: file }, /^MOP_TLS_CERT and MOP_TLS_KEY go together/],
    [
      'a certificate that cannot be read',
      { MOP_TLS_CERT: '/nonexistent/cert.pem', MOP_TLS_KEY: file },
      /^MOP_TLS_CERT \/nonexistent\/cert.pem cannot be read \(ENOENT\)$/
    ],
    [
      'files that are not a certificate and key',
      { MOP_TLS_CERT: file, MOP_TLS_KEY: file },
      /^MOP_TLS_CERT and MOP_TLS_KEY are not a matching PEM certificate and private key/
    ],
    [
      'a proxy list with a name',
      { MOP_TRUST_PROXY: 'proxy.local' },
      /^MOP_TRUST_PROXY must be 1, 0 or a comma-separated/
    ],
    ['a short metrics token', { MOP_METRICS_TOKEN: 'secret' }, /^MOP_METRICS_TOKEN must be at least 16 characters/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error/],
    ['a static directory without the app', { MOP_STATIC_DIR: makeTempDir() }, /^MOP_STATIC_DIR .* holds no built app/]
  ];

  it.concurrent.each(cases)(
    '%s',
    async (_name, env, message) => {
      const result = await start(env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^MOP configuration: /);
      expect(lines[0]!.slice('MOP configuration: '.length)).toMatch(message);
      // A password in the SMTP URL never reaches the terminal or the logs.
      expect(result.stderr).not.toContain('hunter2');
    },
    120_000
  );

  it('refuses a database written by a newer MOP in one line', async () => {
    const dataDir = makeTempDir();
    openSqliteDatabase(dataDir).close();
    const db = new Database(path.join(dataDir, 'mop.sqlite'));
    db.prepare("INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01')").run();
    db.close();
    const result = await start({ MOP_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^MOP could not start: The database has schema version 9999, written by a newer version of MOP/
      )
    ]);
  }, 120_000);
});

describe('readConfig', () => {
  it('has defaults that need no variable at all', () => {
    const dataDir = makeTempDir();
    const config = readConfig({ MOP_DATA_DIR: dataDir });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir, demo: true, logLevel: 'info' });
    expect(config.trustProxy).toEqual({ kind: 'none' });
    expect(config.tls).toBeUndefined();
  });

  it('reads switches, URLs and proxy lists', () => {
    const config = readConfig({
      MOP_DATA_DIR: makeTempDir(),
      PORT: '8443',
      MOP_DEMO: 'false',
      MOP_PUBLIC_URL: 'https://mop.example.org/',
      MOP_SMTP_URL: 'smtps://mop%40example.org:p%40ss@mail.example.org:465',
      MOP_MAIL_FROM: 'MOP <mop@example.org>',
      MOP_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1'
    });
    expect(config).toMatchObject({ port: 8443, demo: false, publicUrl: 'https://mop.example.org' });
    expect(config.trustProxy.kind).toBe('list');
    if (config.trustProxy.kind !== 'list') return;
    expect(config.trustProxy.addresses.check('10.1.2.3', 'ipv4')).toBe(true);
    expect(config.trustProxy.addresses.check('192.168.1.2', 'ipv4')).toBe(false);
    expect(config.trustProxy.addresses.check('::1', 'ipv6')).toBe(true);
    expect(() => readConfig({ MOP_DATA_DIR: makeTempDir(), MOP_SMTP_URL: 'smtp://user@host' })).toThrow(ConfigError);
  });

  it('reads the session idle limit and the remote-images switch, refusing nonsense', () => {
    const dataDir = makeTempDir();
    expect(readConfig({ MOP_DATA_DIR: dataDir })).toMatchObject({ sessionIdleDays: undefined, remoteImages: false });
    expect(readConfig({ MOP_DATA_DIR: dataDir, MOP_SESSION_IDLE_DAYS: '7', MOP_REMOTE_IMAGES: '1' })).toMatchObject({
      sessionIdleDays: 7,
      remoteImages: true
    });
    for (const days of ['0', '31', '1.5', 'two weeks'])
      expect(() => readConfig({ MOP_DATA_DIR: dataDir, MOP_SESSION_IDLE_DAYS: days })).toThrow(
        /MOP_SESSION_IDLE_DAYS must be a whole number of days from 1 to 30/
      );
    expect(() => readConfig({ MOP_DATA_DIR: dataDir, MOP_REMOTE_IMAGES: 'maybe' })).toThrow(/MOP_REMOTE_IMAGES/);
  });
});
