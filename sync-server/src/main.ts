/**
 * The server as a program (`npm run serve`). MOP_DEMO unset: demo data only on loopback outside
 * NODE_ENV=production; `1` forces it (with a loud warning), `0` turns it off. Configuration comes from the environment:
 * PORT (3000), HOST (127.0.0.1), MOP_DATA_DIR (./data), MOP_STATIC_DIR (./build),
 * MOP_PUBLIC_URL (the address people reach the platform at, for links in e-mails; default the listening address).
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
    publicUrl: env.MOP_PUBLIC_URL || undefined
  });

  console.log(`MOP server listening on ${server.url}`);
  console.log(`  data: ${path.join(dataDir, 'mop.sqlite')}`);
  console.log(`  app:  ${staticDir}`);
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
