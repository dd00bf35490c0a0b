/**
 * Test support: a MOP server in a child process, so a test can kill it with SIGKILL in the middle of a write
 * load (group-commit.test.ts). Usage: fork with `--import tsx`, argument: the data directory of a database
 * that already has its users. Sends `{ port }` over IPC once listening.
 */
import { createMopServer } from '../server.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-child.ts <dataDir>');
const server = await createMopServer({ dataDir, demo: false, logger: () => {} });
process.send?.({ port: server.port });
// Orphaned (the test died): do not linger.
process.on('disconnect', () => process.exit(1));
