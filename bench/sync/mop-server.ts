/**
 * Child process: MOP's server (`createMopServer`, real SQLite in MOP_BENCH_DATA) for the sync benchmark.
 * Creates MOP_BENCH_PAIRS mentorships `bench-pair-<i>` (idempotent) and a session for each mentor and mentee,
 * then talks to the parent over IPC (see protocol.ts). Run as `node --expose-gc --import tsx`.
 */
import { createMopServer } from '../../sync-server/src/index.ts';
// Sessions are created directly instead of by logging in: 200 scrypt logins would dominate the run.
import { startSession } from '../../sync-server/src/auth/sessions.ts';
import { SESSION_COOKIE } from '@mop/shared';
import { handleCommonCommands, selfWriteBytes, type ChildReply, type ParentCommand } from './protocol.ts';

const dataDir = process.env.MOP_BENCH_DATA;
const pairs = Number(process.env.MOP_BENCH_PAIRS ?? '1');
if (!dataDir) throw new Error('MOP_BENCH_DATA is required');

let errors = 0;
let logLines = 0;
const server = await createMopServer({
  dataDir,
  port: 0,
  demo: false,
  // MOP_BENCH_CHECK=0: without the document rules, the baseline of `load.ts --check-cost`.
  checkDocuments: process.env.MOP_BENCH_CHECK !== '0',
  logger: (level, message, details) => {
    logLines++;
    if (level === 'error') {
      errors++;
      console.error(message, details);
    }
  }
});

const PROGRAMME = 'bench-programme';
const { store } = server;
if (!store.getMentorship('bench-pair-0')) {
  store.createProgramme({ id: PROGRAMME, name: 'Sync benchmark' });
}
const cookies: [string, string][] = [];
for (let i = 0; i < pairs; i++) {
  const id = `bench-pair-${i}`;
  const mentorId = `bench-mentor-${i}`;
  const menteeId = `bench-mentee-${i}`;
  if (!store.getMentorship(id)) {
    for (const [userId, role] of [
      [mentorId, 'mentor'],
      [menteeId, 'mentee']
    ] as const) {
      store.createUser({ id: userId, email: `${userId}@bench.invalid`, name: userId, role, passwordHash: 'no-login' });
      store.addProgrammeMember(PROGRAMME, userId, role);
    }
    store.createMentorship({ id, programmeId: PROGRAMME, mentorId, menteeId });
  }
  cookies.push([
    `${SESSION_COOKIE}=${startSession(store, mentorId)}`,
    `${SESSION_COOKIE}=${startSession(store, menteeId)}`
  ]);
}

// Count the group commit's transactions (one appendDocUpdates call each) for the benchmark's report.
const counts = { commits: 0, updatesStored: 0 };
const appendDocUpdates = store.appendDocUpdates.bind(store);
store.appendDocUpdates = (updates) => {
  counts.commits += 1;
  counts.updatesStored += updates.length;
  return appendDocUpdates(updates);
};

const send = (reply: ChildReply) => process.send?.(reply);
// If the benchmark dies (a failed wait), do not linger as an orphan server.
process.on('disconnect', () => process.exit(1));
const docStats = server.db.prepare(
  'SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM doc_updates WHERE doc_name = ?'
);

process.on('message', async (command: ParentCommand) => {
  if (
    handleCommonCommands(command, send, () => ({ openDocuments: server.openDocuments(), errors, logLines, ...counts }))
  )
    return;
  switch (command.type) {
    case 'appendRaw':
      for (const update of command.updates)
        server.store.appendDocUpdate(command.docName, Buffer.from(update, 'base64'));
      send({ type: 'done', id: command.id });
      return;
    case 'docStats': {
      const row = docStats.get(command.docName) as { rows: number; bytes: number };
      send({ type: 'docStats', id: command.id, rows: row.rows, bytes: row.bytes });
      return;
    }
    case 'stop':
      await server.close();
      send({ type: 'done', id: command.id, writeBytes: selfWriteBytes() });
      process.exit(0);
  }
});
send({ type: 'ready', port: server.port, cookies });
