// Preloaded into a server child by idle-memory.ts (`node --expose-gc --import ./memory-probe.mjs <server>`): plain
// JavaScript, so the compiled server runs without tsx. Answers over IPC: `mem` (after two full collections) and
// `snapshot` (writes a V8 heap snapshot to the given path).
import v8 from 'node:v8';

process.on('message', (command) => {
  if (command?.type === 'mem') {
    globalThis.gc?.();
    globalThis.gc?.();
    process.send?.({ type: 'mem', ...process.memoryUsage() });
  } else if (command?.type === 'snapshot') {
    process.send?.({ type: 'snapshot', path: v8.writeHeapSnapshot(command.path) });
  }
});
process.on('disconnect', () => process.exit(0));
