/**
 * Child process: the reference server `@y/websocket-server@0.1.1`, started exactly as its bin does (importing
 * its `src/server.js` reads HOST, PORT and YPERSISTENCE from the environment), plus the same IPC hooks as the
 * MOP child so both are measured the same way. Run as `node --expose-gc --import tsx`.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { waitForPort } from './servers.ts';
import { handleCommonCommands, selfWriteBytes, type ChildReply, type ParentCommand } from './protocol.ts';

// The package's export map hides src/server.js; resolve it from its exported package.json instead.
const packageDir = path.dirname(createRequire(import.meta.url).resolve('@y/websocket-server/package.json'));
await import(pathToFileURL(path.join(packageDir, 'src/server.js')).href);
// The same module instance the server uses (same URL), so `docs` and the persistence are the live ones.
const utils = (await import(pathToFileURL(path.join(packageDir, 'src/utils.js')).href)) as {
  docs: Map<string, unknown>;
  getPersistence(): { provider: { destroy(): Promise<void> } } | null;
};

const port = Number(process.env.PORT);
await waitForPort(port, 200, 10);

const send = (reply: ChildReply) => process.send?.(reply);
// If the benchmark dies (a failed wait), do not linger as an orphan server.
process.on('disconnect', () => process.exit(1));
process.on('message', async (command: ParentCommand) => {
  if (handleCommonCommands(command, send, () => ({ openDocuments: utils.docs.size, errors: 0 }))) return;
  if (command.type === 'stop') {
    // y-leveldb queues every write on one promise chain; destroy() closes the DB after the queue drains, so no
    // update that was broadcast is lost by stopping (the server itself never awaits these writes).
    await utils.getPersistence()?.provider.destroy();
    send({ type: 'done', id: command.id, writeBytes: selfWriteBytes() });
    process.exit(0);
  }
});
send({ type: 'ready', port, cookies: [] });
