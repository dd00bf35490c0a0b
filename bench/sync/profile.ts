/**
 * Profiles one server under the typing burst (workload 1a): `SYNC_BENCH_CPU_PROF=/tmp/prof npx tsx
 * bench/sync/profile.ts [mop|reference] [edits]`, then open the .cpuprofile (Chrome DevTools) or summarise it.
 */
import { startServer, type ServerKind } from './servers.ts';
import { typingBurst } from './workloads.ts';

const kind = (process.argv[2] ?? 'mop') as ServerKind;
const edits = Number(process.argv[3] ?? '2000');
const runs = 5;
const server = await startServer(kind, { pairs: runs });
for (let i = 0; i < runs; i++) console.log(kind, await typingBurst(server, i, edits));
await server.stop();
