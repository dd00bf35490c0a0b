/**
 * The server as a program (`npm run serve`). Configuration comes from the environment, read and checked once by
 * `readConfigOrExit` (config.ts; every variable is described in docs/operations.md).
 */
import { decideDemo } from './cohorts/demo-policy.ts';
import path from 'node:path';
import { readConfigOrExit } from './config.ts';
import { createPinoLogger } from './operations/log.ts';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const policy = decideDemo({ host: config.host, nodeEnv: process.env.NODE_ENV, mopDemo: process.env.MOP_DEMO });
  if (policy.warning) console.warn(`\n${'!'.repeat(78)}\n${policy.warning}\n${'!'.repeat(78)}\n`);
  // Loaded after the configuration is known to be good, so a mistake is reported at once.
  const { createMopServer } = await import('./server.ts');
  const { DEMO_PASSWORD } = await import('./demo/seed.ts');
  const { dataDir, staticDir } = config;
  const logger = createPinoLogger({ level: config.logLevel });
  const server = await createMopServer({
    port: config.port,
    host: config.host,
    dataDir,
    demo: config.demo,
    staticDir,
    tls: config.tls,
    trustProxy: config.trustProxy,
    logger,
    publicUrl: config.publicUrl,
    mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
    metricsToken: config.metricsToken,
    sessionIdleDays: config.sessionIdleDays,
    remoteImages: config.remoteImages
  });
  if (process.env.MOP_TEST_PASSWORD_COST)
    logger.warn(
      "MOP_TEST_PASSWORD_COST is set: passwords are hashed at a test suite's low cost. Unset it in production."
    );

  logger.info(`MOP server listening on ${server.url}`, { data: path.join(dataDir, 'mop.sqlite'), app: staticDir });
  logger.info(
    config.smtpUrl
      ? `mail: sent through ${new URL(config.smtpUrl).host}`
      : 'mail: no MOP_SMTP_URL, messages wait in the outbox (admins: Outbox in the app)'
  );
  if (!config.publicUrl && !['127.0.0.1', 'localhost', '::1'].includes(config.host))
    logger.warn('Set MOP_PUBLIC_URL to the address people open: links in e-mails use it.');
  // The demo accounts and their (public) password are shown to a person at a terminal, never written to a log.
  if (server.seededAccounts.length > 0 && !process.stdout.isTTY) {
    logger.info(`demo data: ${server.seededAccounts.length} accounts seeded (see the README for how to sign in)`);
  } else if (server.seededAccounts.length > 0) {
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
    logger.info(`${signal}: closing (saving open documents)`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('error while closing', error);
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
  // One line for the person or the service manager watching: the database refused, the port taken, ...
  console.error(`MOP could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
