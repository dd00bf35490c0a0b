/**
 * The server as a program (`npm run serve`). Configuration comes from the environment, read and checked once by
 * `readConfigOrExit` (config.ts; every variable is described in docs/operations.md).
 */
import path from 'node:path';
import { readConfigOrExit } from './config.ts';
import { consoleLogger } from './logger.ts';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  // Loaded after the configuration is known to be good, so a mistake is reported at once.
  const { createMopServer } = await import('./server.ts');
  const { DEMO_PASSWORD } = await import('./demo/seed.ts');
  const { dataDir, staticDir } = config;
  const server = await createMopServer({
    port: config.port,
    host: config.host,
    dataDir,
    demo: config.demo,
    staticDir,
    tls: config.tls,
    trustProxy: config.trustProxy,
    logger: consoleLogger,
    publicUrl: config.publicUrl
  });

  console.log(`MOP server listening on ${server.url}`);
  console.log(`  data: ${path.join(dataDir, 'mop.sqlite')}`);
  console.log(`  app:  ${staticDir}`);
  if (server.seededAccounts.length > 0) {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    const listed = server.seededAccounts.slice(0, 6);
    for (const account of listed)
      console.log(`  ${account.role.padEnd(12)} ${account.email.padEnd(26)} ${account.name}`);
    const more = server.seededAccounts.length - listed.length;
    if (more > 0)
      console.log(`  … and ${more} unmatched mentors and mentees for matching (mentor03@…, mentee03@example.org …)`);
  } else if (!config.demo && server.store.isEmpty()) {
    console.log(
      'No accounts yet. Create one with: npx tsx sync-server/src/admin-cli.ts create-admin --email you@example.org --name "Your Name"'
    );
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
  // A renewed certificate is picked up without a restart: `systemctl reload mop` sends SIGHUP.
  process.on('SIGHUP', () => server.reloadCertificate());
}

main().catch((error: unknown) => {
  consoleLogger.error('could not start', error instanceof Error ? error.message : error);
  process.exit(1);
});
