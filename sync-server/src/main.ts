/**
 * The server as a program (`npm run serve`). Configuration comes from the environment:
 * PORT (3000), HOST (127.0.0.1), MOP_DATA_DIR (./data), MOP_STATIC_DIR (./build), MOP_DEMO (unset: demo data only on
 * loopback outside NODE_ENV=production; `1` forces it with a loud warning; `0` never),
 * MOP_PUBLIC_URL (the address people open; links in e-mails use it), MOP_SMTP_URL and MOP_MAIL_FROM (outgoing mail).
 */
import path from 'node:path';
import { createMopServer } from './server.ts';
import { DEMO_PASSWORD } from './demo/seed.ts';
import { consoleLogger } from './logger.ts';
import { decideDemo } from './cohorts/index.ts';

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number between 0 and 65535, not ${JSON.stringify(value)}`);
  }
  return port;
}

/** `MOP_PUBLIC_URL` as an origin (scheme, host, optional port and path), without a trailing slash. */
function readPublicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`MOP_PUBLIC_URL must be a URL such as https://mentoring.example.org, not ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`MOP_PUBLIC_URL must start with https:// or http://, not ${JSON.stringify(value)}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** `MOP_SMTP_URL`, checked enough to fail at start rather than at the first mail. */
function readSmtpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^smtps?:\/\/[^/]/i.test(value))
    throw new Error('MOP_SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465');
  return value;
}

async function main(): Promise<void> {
  const env = process.env;
  const host = env.HOST || '127.0.0.1';
  const policy = decideDemo({ host, nodeEnv: env.NODE_ENV, mopDemo: env.MOP_DEMO });
  const demo = policy.demo;
  if (policy.warning) console.warn(`\n${'!'.repeat(78)}\n${policy.warning}\n${'!'.repeat(78)}\n`);
  const dataDir = path.resolve(env.MOP_DATA_DIR || './data');
  const staticDir = path.resolve(env.MOP_STATIC_DIR || './build');
  const server = await createMopServer({
    port: readPort(env.PORT),
    host,
    dataDir,
    demo,
    staticDir,
    logger: consoleLogger,
    publicUrl: readPublicUrl(env.MOP_PUBLIC_URL),
    mail: { smtpUrl: readSmtpUrl(env.MOP_SMTP_URL), from: env.MOP_MAIL_FROM || undefined }
  });

  console.log(`MOP server listening on ${server.url}`);
  console.log(`  data: ${path.join(dataDir, 'mop.sqlite')}`);
  console.log(`  app:  ${staticDir}`);
  console.log(
    env.MOP_SMTP_URL
      ? `  mail: sent through ${new URL(env.MOP_SMTP_URL).host}`
      : '  mail: no MOP_SMTP_URL, messages wait in the outbox (admins: Outbox in the app)'
  );
  if (!env.MOP_PUBLIC_URL && !['127.0.0.1', 'localhost', '::1'].includes(env.HOST || '127.0.0.1'))
    console.warn('  Set MOP_PUBLIC_URL to the address people open: links in e-mails use it.');
  if (server.seededAccounts.length > 0) {
    console.log(
      policy.printPassword
        ? `Demo accounts (password "${DEMO_PASSWORD}"):`
        : 'Demo accounts (their shared password is in the README; it is not printed for a server others can reach):'
    );
    const listed = server.seededAccounts.slice(0, 6);
    for (const account of listed)
      console.log(`  ${account.role.padEnd(12)} ${account.email.padEnd(26)} ${account.name}`);
    const more = server.seededAccounts.length - listed.length;
    if (more > 0)
      console.log(`  … and ${more} unmatched mentors and mentees for matching (mentor03@…, mentee03@example.org …)`);
  }
  if (server.setupUrl) {
    console.log('\nNo admin yet. Open this one-time link to set up the platform (it works once, for 24 hours):');
    console.log(`  ${server.setupUrl}`);
    console.log('  (or, from a script: npm run admin:create -- --email you@example.org --name "Your Name")\n');
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing (saving open documents)…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Error while closing', error);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  consoleLogger.error('could not start', error instanceof Error ? error.message : error);
  process.exit(1);
});
