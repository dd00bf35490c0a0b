import { matchRaw as matchNew } from '../../packages/matching/src/index.ts';
import { generateCohort } from './generate.ts';

/**
 * Before/after in one process: `node --import tsx bench/matching/compare.ts <path to the old src/index.ts> [reps]`
 * runs the old and the new engine alternately on the same cohorts (so both see the same load on a shared machine)
 * and prints median wall-clock and process-CPU milliseconds of `matchRaw` (prepare included) for greedy and optimal.
 */
const oldPath = process.argv[2];
if (!oldPath) throw new Error('usage: compare.ts <old src/index.ts> [reps] [sizes like 500x100x1,10000x2000x0.6]');
const { matchRaw: matchOld } = (await import(oldPath)) as { matchRaw: typeof matchNew };
const reps = Number(process.argv[3] ?? 3);
const sizes = (
  process.argv[4] ?? '500x100x0.6,500x100x1,5000x1000x0.6,5000x1000x1,10000x2000x0.6,10000x2000x1,10000x2400x1.2'
)
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number, number]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const os = await import('node:os');
console.log(
  `node ${process.version}, reps ${reps}, load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`
);
// Warm both engines' JIT up first, so neither is charged for compilation in the first measured row.
const warm = generateCohort({ mentees: 500, mentors: 100, slotRatio: 1, seed: 99 });
for (let r = 0; r < 3; r++)
  for (const run of [matchOld, matchNew]) for (const mode of ['greedy', 'optimal'] as const) run(warm, { mode });
console.log(
  '| mentees × mentors | slots | mode | old wall ms | new wall ms | old CPU ms | new CPU ms | new/old (CPU) | same total |'
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [mentees, mentors, ratio] of sizes) {
  const cohort = generateCohort({ mentees, mentors, slotRatio: ratio, seed: 1 });
  for (const mode of ['greedy', 'optimal'] as const) {
    const t: Record<'old' | 'new', { wall: number[]; cpu: number[]; total: number }> = {
      old: { wall: [], cpu: [], total: 0 },
      new: { wall: [], cpu: [], total: 0 }
    };
    for (let r = 0; r < reps; r++) {
      for (const [name, run] of [
        ['old', matchOld],
        ['new', matchNew]
      ] as const) {
        const c0 = process.cpuUsage();
        const w0 = performance.now();
        const raw = run(cohort, { mode });
        const wall = performance.now() - w0;
        const c = process.cpuUsage(c0);
        let total = 0;
        for (let i = 0; i < raw.assign.length; i++)
          if (raw.assign[i]! >= 0) total += raw.scorer.pairScore(i, raw.assign[i]!);
        t[name].wall.push(wall);
        t[name].cpu.push((c.user + c.system) / 1000);
        t[name].total = total;
      }
    }
    const o = t.old;
    const nw = t.new;
    console.log(
      `| ${mentees.toLocaleString('en')} × ${mentors.toLocaleString('en')} | ${ratio}× | ${mode} | ${median(o.wall).toFixed(0)} | ${median(nw.wall).toFixed(0)} | ${median(o.cpu).toFixed(0)} | ${median(nw.cpu).toFixed(0)} | ${(median(nw.cpu) / median(o.cpu)).toFixed(2)} | ${o.total === nw.total ? 'yes' : `NO (${o.total} vs ${nw.total})`} |`
    );
  }
}
console.log(
  `load after ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`
);
