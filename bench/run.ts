import { runMatchingBenchmark } from './matching/bench.ts';
import { runSyncBenchmark } from './sync/run.ts';

/**
 * Benchmark entry point: `npm run bench` (full) or `npm run bench -- --quick` (small sizes, two seeds).
 * Prints Markdown tables for docs/benchmarks.md. Run with `node --expose-gc` semantics when possible so memory
 * deltas start from a collected heap.
 */
const quick = process.argv.includes('--quick');
// `npm run bench -- sync [--quick]` runs the sync server benchmark (MOP vs @y/websocket-server) instead.
if (process.argv.includes('sync')) {
  await runSyncBenchmark({ quick });
  process.exit(0);
}
const sizes = quick
  ? [
      { mentees: 50, mentors: 10, seeds: 2 },
      { mentees: 500, mentors: 100, seeds: 2 }
    ]
  : [
      { mentees: 50, mentors: 10, seeds: 5 },
      { mentees: 500, mentors: 100, seeds: 5 },
      { mentees: 5000, mentors: 1000, seeds: 5 },
      { mentees: 10000, mentors: 2000, seeds: 5 }
    ];
console.log(
  `## Matching engine (${quick ? 'quick' : 'full'} run, Node ${process.version}, ${new Date().toISOString()})\n`
);
runMatchingBenchmark({ sizes, ratios: [0.6, 1.0, 1.2], munkresLimit: 4_000_000, log: (line) => console.log(line) });
