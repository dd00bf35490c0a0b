import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CohortInput, matchRaw as MatchRaw } from '../../packages/matching/src/index.ts';
import { generateCohort } from './generate.ts';

/**
 * Cold start: the first `optimal` call of a fresh `node` process, as a coordinator's run usually is (the server
 * starts, someone presses "match"). Each repetition is a new process: it generates the cohort (not timed), then times
 * one `matchRaw` call from the cohort object — validation, compilation, scoring and the exact solve with its
 * certificate, JIT warm-up included — and then a second call in the same process (warm) for comparison.
 *
 * `node --import tsx bench/matching/cold.ts [--first-only] [reps=10] [cases=0.6,1,1.2,dense] [engine …]`
 *
 * An engine is a `packages/matching/src/index.ts` (run through tsx, as the tests and the CLI do) or a bundle of it made
 * with esbuild the way `scripts/build.mjs` builds the server (`.mjs`/`.js`): the server runs the bundle, and tsx's
 * transform adds a `__name(…)` call to every closure it creates. `--first-only` skips the second (warm) call, which
 * halves the cost of a run on a shared machine.
 *
 * With several engines (e.g. an old checkout's `packages/matching/src/index.ts` and this one), the processes alternate
 * between them, case by case, so every engine sees the same load: read their ratio, not the absolute times.
 * `dense` is 10,000 × 2,000 at 1.0× slots with the time-zone gap rule off (about a third of all pairs eligible).
 */
interface ChildReport {
  readonly first: { whole: number; cpu: number; prepare: number; scoring: number; solving: number };
  readonly second: number;
  readonly secondCpu: number;
  readonly eligible: number;
  readonly pairs: number;
  readonly total: number;
  readonly settled: number;
}

/** The cohorts of the cases: 10,000 mentees, mentors as in `target.ts` (2,400 at 1.2×). */
export function coldCohort(name: string): CohortInput {
  const dense = name === 'dense';
  const ratio = dense ? 1 : Number(name);
  const mentees = 10_000;
  const mentors = Math.max(2000, Math.ceil((ratio * mentees) / 5));
  const cohort = generateCohort({ mentees, mentors, slotRatio: ratio, seed: 1 });
  if (!dense) return cohort;
  const rules = { ...cohort.settings!.rules!, maxTimeZoneGapHours: null };
  return { ...cohort, settings: { ...cohort.settings, rules } };
}

if (process.argv[2] === '--child') {
  const [engine, name, firstOnly] = [process.argv[3]!, process.argv[4]!, process.argv[5] === '--first-only'];
  const { matchRaw } = (await import(engine)) as { matchRaw: typeof MatchRaw };
  const cohort = coldCohort(name);
  (globalThis as { gc?: () => void }).gc?.();
  const clock = () => performance.now();
  // Process CPU time too (all threads: JIT compilation and GC helpers included): on a loaded shared machine the wall
  // time mostly measures waiting for a core.
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const raw = matchRaw(cohort, { mode: 'optimal', clock });
  const whole = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  if (!firstOnly) matchRaw(cohort, { mode: 'optimal' });
  const second = firstOnly ? NaN : performance.now() - t1;
  const secondCpu = firstOnly ? NaN : cpuMs(process.cpuUsage(c1));
  let total = 0;
  for (let i = 0; i < raw.assign.length; i++) if (raw.assign[i]! >= 0) total += raw.scorer.pairScore(i, raw.assign[i]!);
  const report: ChildReport = {
    first: { whole, cpu, prepare: raw.prepareMs, scoring: raw.scoringMs, solving: raw.solvingMs },
    second,
    secondCpu,
    eligible: raw.candidates.all?.mentor.length ?? -1,
    pairs: raw.model.mentees.length * raw.model.mentors.length,
    total,
    settled: raw.optimal?.solveSettledNodes ?? -1
  };
  console.log(JSON.stringify(report));
  process.exit(0);
}

const firstOnly = process.argv.includes('--first-only');
const args = process.argv.slice(2).filter((a) => a !== '--first-only');
const reps = Number(args[0] ?? 10);
const cases = (args[1] ?? '0.6,1,1.2,dense').split(',');
const here = fileURLToPath(import.meta.url);
const engines = args.slice(2).map((p) => resolve(p));
if (engines.length === 0) engines.push(resolve(here, '../../../packages/matching/src/index.ts'));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`node ${process.version}, ${reps} fresh processes per case and engine, load ${load()}`);
console.log(
  '| case | engine | eligible pairs | first call wall ms (median) | min–max | prepare | scoring | solving | first call CPU ms (median) | CPU min–max | CPU / #1 | second call wall / CPU ms | first/second (CPU) | total score | settled nodes |'
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const medians: Record<string, number[]> = {};
const cpuRatios: Record<string, number[]> = {};
const ms = (x: number) => x.toFixed(0);
for (const name of cases) {
  const runs = engines.map(() => [] as ChildReport[]);
  for (let r = 0; r < reps; r++) {
    engines.forEach((engine, e) => {
      const child = ['--expose-gc', '--import', 'tsx', here, '--child', engine, name];
      const out = execFileSync(process.execPath, firstOnly ? [...child, '--first-only'] : child, { encoding: 'utf8' });
      runs[e]!.push(JSON.parse(out.trim().split('\n').pop()!) as ChildReport);
    });
  }
  const cpu0 = median(runs[0]!.map((y) => y.first.cpu));
  engines.forEach((engine, e) => {
    const rs = runs[e]!;
    const whole = rs.map((x) => x.first.whole);
    const cpus = rs.map((x) => x.first.cpu);
    (medians[engine] ??= []).push(median(whole));
    (cpuRatios[engine] ??= []).push(median(cpus) / cpu0);
    const x = rs[0]!;
    if (rs.some((y) => y.total !== x.total || y.settled !== x.settled) || x.total !== runs[0]![0]!.total)
      throw new Error(`engine #${e + 1} gave different results on ${name}`);
    const second = firstOnly
      ? '—'
      : `${ms(median(rs.map((y) => y.second)))} / ${ms(median(rs.map((y) => y.secondCpu)))}`;
    const ratio = firstOnly ? '—' : (median(cpus) / median(rs.map((y) => y.secondCpu))).toFixed(2);
    console.log(
      `| ${name === 'dense' ? 'dense, 1.0×' : `${name}×`} | ${engines.length > 1 ? `#${e + 1}` : 'this'} | ${((100 * x.eligible) / x.pairs).toFixed(1)}% (${(x.eligible / 1e6).toFixed(2)} M) | **${ms(median(whole))}** | ${ms(Math.min(...whole))}–${ms(Math.max(...whole))} | ${ms(median(rs.map((y) => y.first.prepare)))} | ${ms(median(rs.map((y) => y.first.scoring)))} | ${ms(median(rs.map((y) => y.first.solving)))} | **${ms(median(cpus))}** | ${ms(Math.min(...cpus))}–${ms(Math.max(...cpus))} | ${(median(cpus) / cpu0).toFixed(2)} | ${second} | ${ratio} | ${x.total} | ${x.settled} |`
    );
  });
}
if (engines.length > 1)
  engines.forEach((engine, e) =>
    console.log(
      `#${e + 1} = ${engine}: wall medians ${medians[engine]!.map(ms).join(' / ')} ms; CPU / #1 ${cpuRatios[engine]!.map((r) => r.toFixed(2)).join(' / ')}`
    )
  );
console.log(`load after ${load()}`);
