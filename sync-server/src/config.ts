import { decideDemo } from './cohorts/demo-policy.ts';
/**
 * The server's configuration, read from the environment once at start and checked as a whole, so a mistake stops
 * the server with one clear line instead of surfacing as a stack trace (or not at all) hours later.
 *
 * Every variable, its default and its meaning are listed in docs/operations.md ("Configuration").
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type ConfiguredLogLevel = (typeof LOG_LEVELS)[number];

/** Which peers may tell the server the client's address and scheme (`X-Forwarded-For`, `X-Forwarded-Proto`). */
export type TrustProxy = { kind: 'none' } | { kind: 'all' } | { kind: 'list'; addresses: net.BlockList; text: string };

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  demo: boolean;
  /** The public origin without a trailing slash (`MOP_PUBLIC_URL`), if set. */
  publicUrl?: string;
  /** `smtp://` or `smtps://` URL of the mail relay, if set. Holds a password: never log it. */
  smtpUrl?: string;
  mailFrom?: string;
  /** Certificate and key files for HTTPS; both or neither. */
  tls?: { certFile: string; keyFile: string };
  trustProxy: TrustProxy;
  /** Bearer token that opens `/metrics`; without it the endpoint is off. */
  metricsToken?: string;
  logLevel: ConfiguredLogLevel;
  /** Whether resources may show images from other sites (`MOP_REMOTE_IMAGES`). */
  remoteImages: boolean;
  /** Days an unused session keeps working (`MOP_SESSION_IDLE_DAYS`), if set. */
  sessionIdleDays?: number;
}

/** A configuration mistake: the message names the variable and says what is expected, in one line. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const set = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

function readPort(value: string | undefined): number {
  if (!set(value)) return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65535)
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not ${JSON.stringify(value)}`);
  return port;
}

function readBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (!set(value)) return fallback;
  const normalised = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(normalised)) return true;
  if (['0', 'false', 'no', 'off'].includes(normalised)) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true or false), not ${JSON.stringify(value)}`);
}

/** The data directory must exist (it is created if missing) and be readable and writable by this user. */
function readDataDir(value: string | undefined): string {
  const dir = path.resolve(set(value) ? value : './data');
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
    throw new ConfigError(`MOP_DATA_DIR ${dir} is not a directory`);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new ConfigError(`MOP_DATA_DIR ${dir} cannot be created (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    throw new ConfigError(`MOP_DATA_DIR ${dir} is not readable and writable by this user`);
  }
  return dir;
}

function readStaticDir(value: string | undefined): string {
  const dir = path.resolve(set(value) ? value : './build');
  // The default may be missing (the server then explains how to build the app); a directory named on purpose may not.
  if (set(value) && !fs.existsSync(path.join(dir, 'server', 'index.js')))
    throw new ConfigError(
      `MOP_STATIC_DIR ${dir} holds no built app (server/index.js): build it (npm run build) or fix the path`
    );
  return dir;
}

function readPublicUrl(value: string | undefined): string | undefined {
  if (!set(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(
      `MOP_PUBLIC_URL must be a full address such as https://mop.example.org, not ${JSON.stringify(value)}`
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(`MOP_PUBLIC_URL must start with https:// (or http://), not ${url.protocol}//`);
  if (url.search || url.hash) throw new ConfigError('MOP_PUBLIC_URL must not have a ?query or #fragment');
  return url.href.replace(/\/$/, '');
}

/** Checks the shape of the SMTP URL without ever printing it: it usually carries a password. */
function readSmtpUrl(value: string | undefined): string | undefined {
  if (!set(value)) return undefined;
  const expected = 'MOP_SMTP_URL must look like smtp://user:password@mail.example.org:587 or smtps://…:465';
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(`${expected} (it is not a URL; characters such as @ : / in the password must be %-encoded)`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new ConfigError(`${expected} (it does not start with smtp:// or smtps://)`);
  if (!url.hostname) throw new ConfigError(`${expected} (it names no host)`);
  if (url.port && (Number(url.port) < 1 || Number(url.port) > 65535)) throw new ConfigError(`${expected} (bad port)`);
  if (url.username && !url.password) throw new ConfigError(`${expected} (it has a user name but no password)`);
  return value.trim();
}

function readMailFrom(value: string | undefined): string | undefined {
  if (!set(value)) return undefined;
  // `address@host` or `Display Name <address@host>`.
  if (!/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/.test(value.trim()))
    throw new ConfigError(
      `MOP_MAIL_FROM must be an address such as "MOP <mop@example.org>", not ${JSON.stringify(value)}`
    );
  return value.trim();
}

function readTls(certValue: string | undefined, keyValue: string | undefined): ServerConfig['tls'] {
  if (!set(certValue) && !set(keyValue)) return undefined;
  if (!set(certValue) || !set(keyValue))
    throw new ConfigError(
      'MOP_TLS_CERT and MOP_TLS_KEY go together: set both (certificate chain and private key, PEM) or neither'
    );
  const certFile = path.resolve(certValue);
  const keyFile = path.resolve(keyValue);
  loadTlsFiles({ certFile, keyFile });
  return { certFile, keyFile };
}

/** Reads and checks a certificate and key pair; the same check runs again when SIGHUP reloads them. */
export function loadTlsFiles(files: { certFile: string; keyFile: string }): { cert: Buffer; key: Buffer } {
  const read = (name: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new ConfigError(`${name} ${file} cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
  };
  const cert = read('MOP_TLS_CERT', files.certFile);
  const key = read('MOP_TLS_KEY', files.keyFile);
  try {
    tls.createSecureContext({ cert, key });
  } catch (error) {
    throw new ConfigError(
      `MOP_TLS_CERT and MOP_TLS_KEY are not a matching PEM certificate and private key (${(error as Error).message})`
    );
  }
  return { cert, key };
}

function readTrustProxy(value: string | undefined): TrustProxy {
  if (!set(value)) return { kind: 'none' };
  const normalised = value.trim().toLowerCase();
  if (['0', 'false', 'no', 'off'].includes(normalised)) return { kind: 'none' };
  if (['1', 'true', 'yes', 'on'].includes(normalised)) return { kind: 'all' };
  const addresses = new net.BlockList();
  for (const item of normalised.split(',').map((part) => part.trim())) {
    const [address, prefix] = item.split('/');
    const family = net.isIP(address ?? '');
    if (family === 0 || (prefix !== undefined && !/^\d+$/.test(prefix)))
      throw new ConfigError(
        `MOP_TRUST_PROXY must be 1, 0 or a comma-separated list of proxy addresses (127.0.0.1, 10.0.0.0/8), not ${JSON.stringify(value)}`
      );
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) addresses.addAddress(address!, type);
    else addresses.addSubnet(address!, Number(prefix), type);
  }
  return { kind: 'list', addresses, text: normalised };
}

function readMetricsToken(value: string | undefined): string | undefined {
  if (!set(value)) return undefined;
  if (value.trim().length < 16)
    throw new ConfigError('MOP_METRICS_TOKEN must be at least 16 characters (for example: openssl rand -hex 24)');
  return value.trim();
}

function readSessionIdleDays(value: string | undefined): number | undefined {
  if (!set(value)) return undefined;
  const days = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || days < 1 || days > 30)
    throw new ConfigError(
      `MOP_SESSION_IDLE_DAYS must be a whole number of days from 1 to 30, not ${JSON.stringify(value)}`
    );
  return days;
}

function readLogLevel(value: string | undefined): ConfiguredLogLevel {
  if (!set(value)) return 'info';
  const level = value.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(value)}`);
  return level as ConfiguredLogLevel;
}

/** Reads and checks every variable; throws `ConfigError` at the first mistake. */
export function readConfig(env: Env = process.env): ServerConfig {
  return {
    port: readPort(env.PORT),
    host: set(env.HOST) ? env.HOST.trim() : '127.0.0.1',
    dataDir: readDataDir(env.MOP_DATA_DIR),
    staticDir: readStaticDir(env.MOP_STATIC_DIR),
    // Demo data only where it cannot hurt (cohorts/demo-policy.ts): loopback outside production, or MOP_DEMO=1.
    demo: decideDemo({
      host: env.HOST || '127.0.0.1',
      nodeEnv: env.NODE_ENV,
      // Checked first: a value that is neither 1 nor 0 is a configuration error, not silently "unset".
      mopDemo: set(env.MOP_DEMO) ? (readBoolean('MOP_DEMO', env.MOP_DEMO, true) ? '1' : '0') : undefined
    }).demo,
    publicUrl: readPublicUrl(env.MOP_PUBLIC_URL),
    smtpUrl: readSmtpUrl(env.MOP_SMTP_URL),
    mailFrom: readMailFrom(env.MOP_MAIL_FROM),
    tls: readTls(env.MOP_TLS_CERT, env.MOP_TLS_KEY),
    trustProxy: readTrustProxy(env.MOP_TRUST_PROXY),
    metricsToken: readMetricsToken(env.MOP_METRICS_TOKEN),
    logLevel: readLogLevel(env.LOG_LEVEL),
    sessionIdleDays: readSessionIdleDays(env.MOP_SESSION_IDLE_DAYS),
    remoteImages: readBoolean('MOP_REMOTE_IMAGES', env.MOP_REMOTE_IMAGES, false)
  };
}

/** `readConfig` for the program: on a mistake, prints `MOP configuration: <message>` and exits with status 2. */
export function readConfigOrExit(env: Env = process.env): ServerConfig {
  try {
    return readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`MOP configuration: ${error.message}`);
    process.exit(2);
  }
}
