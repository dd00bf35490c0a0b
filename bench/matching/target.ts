import { matchRaw, type Mode } from '../../packages/matching/src/index.ts';
import { generateCohort } from './generate.ts';

/**
 * The target case only: 10,000 mentees × 2,000 mentors (2,400 at 1.2×), `greedy` and `optimal`, repeated.
 * `node --expose-gc --import tsx bench/matching/target.ts [reps=5] [ratios=0.6,1,1.2]`. Prints one line per run and
 * medians (wall-clock scoring/solving as in the full benchmark, plus the process CPU time of the whole `matchRaw` call,
 * prepare included, which other load on a shared machine disturbs less); the cohorts are generated once (seed 1).
 */
const reps = Number(process.argv[2] ?? 5);
const ratios = (process.argv[3] ?? '0.6,1,1.2').split(',').map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
/** Nearest-rank percentile (with 20 repetitions, p95 is the 19th smallest). */
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)]!;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
console.log(
  `node ${process.version}, reps ${reps}, load ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`
);
for (const ratio of ratios) {
  const mentees = 10_000;
  const slots = Math.round(ratio * mentees);
  const mentors = Math.max(2000, Math.ceil(slots / 5));
  const cohort = generateCohort({ mentees, mentors, slotRatio: ratio, seed: 1 });
  const rows: Record<
    string,
    { scoring: number[]; solving: number[]; whole: number[]; cpu: number[]; total: number; extra: string }
  > = {};
  for (let r = 0; r < reps; r++) {
    for (const mode of ['greedy', 'optimal'] as Mode[]) {
      gc?.();
      const cpu0 = process.cpuUsage();
      const raw = matchRaw(cohort, { mode, clock: () => performance.now() });
      const cpu = process.cpuUsage(cpu0);
      let total = 0;
      for (let i = 0; i < raw.assign.length; i++)
        if (raw.assign[i]! >= 0) total += raw.scorer.pairScore(i, raw.assign[i]!);
      const row = (rows[mode] ??= { scoring: [], solving: [], whole: [], cpu: [], total, extra: '' });
      // Process CPU time (all threads, including validation and GC), less sensitive than wall time to other load.
      row.cpu.push((cpu.user + cpu.system) / 1000);
      if (row.total !== total) throw new Error(`${mode}: total changed between runs`);
      row.scoring.push(raw.scoringMs);
      row.solving.push(raw.solvingMs);
      // The whole call from the cohort object: validation and compilation (prepare) too.
      row.whole.push(raw.prepareMs + raw.scoringMs + raw.solvingMs);
      row.extra = raw.optimal ? JSON.stringify(raw.optimal) : '';
    }
  }
  const g = rows.greedy!;
  const gTime = median(g.scoring.map((s, k) => s + g.solving[k]!));
  for (const [mode, row] of Object.entries(rows)) {
    const times = row.scoring.map((s, k) => s + row.solving[k]!);
    console.log(
      `10,000 × ${mentors} ${ratio}× ${mode}: scoring ${median(row.scoring).toFixed(0)} ms, solving ${median(row.solving).toFixed(0)} ms, total ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, p95 ${percentile(times, 95).toFixed(0)}, max ${Math.max(...times).toFixed(0)}), × greedy ${(median(times) / gTime).toFixed(2)}, whole call incl. prepare ${median(row.whole).toFixed(0)} ms (p95 ${percentile(row.whole, 95).toFixed(0)}), process CPU incl. prepare ${median(row.cpu).toFixed(0)} ms, score ${row.total} ${row.extra}`
    );
  }
}
console.log(
  `load after ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`
);
