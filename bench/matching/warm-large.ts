import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { matchRaw as MatchRaw } from '../../packages/matching/src/index.ts';

/**
 * A large cohort warm, with its peak memory: one fresh process per engine and repetition generates the cohort
 * (mentees/5 mentors, as in `peak.ts`), collects garbage, notes its RSS, runs `optimal` twice and reports both calls'
 * wall and CPU time, and the process's peak RSS. The second call is the warm figure; between the calls the first
 * call's result is dropped and garbage collected, so the peak is one call's working memory, not two.
 *
 * `node --import tsx bench/matching/warm-large.ts [mentees=30000] [ratio=0.6] [reps=1] [engine src/index.ts …]`
 * With several engines (an old checkout's `packages/matching/src/index.ts`, this one), processes alternate.
 */
interface Report {
  readonly base: number;
  readonly peak: number;
  readonly calls: ReadonlyArray<{ wall: number; cpu: number; prepare: number; scoring: number; solving: number }>;
  readonly eligible: number;
  readonly settled: number;
  readonly side: string;
}

if (process.argv[2] === '--child') {
  const [engine, mentees, ratio] = [process.argv[3]!, Number(process.argv[4]), Number(process.argv[5])];
  const { matchRaw } = (await import(engine)) as { matchRaw: typeof MatchRaw };
  const { generateCohort } = await import('./generate.ts');
  const slots = Math.round(ratio * mentees);
  const mentors = Math.max(mentees / 5, Math.ceil(slots / 5));
  const cohort = generateCohort({ mentees, mentors, slotRatio: ratio, seed: 1 });
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  gc();
  const base = process.memoryUsage().rss;
  const calls: Array<Report['calls'][number]> = [];
  let eligible = 0;
  let settled = 0;
  let side = '';
  for (let c = 0; c < 2; c++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let raw: ReturnType<typeof MatchRaw> | null = matchRaw(cohort, { mode: 'optimal', clock: () => performance.now() });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    calls.push({
      wall,
      cpu: (cpu.user + cpu.system) / 1000,
      prepare: raw.prepareMs,
      scoring: raw.scoringMs,
      solving: raw.solvingMs
    });
    eligible = raw.candidates.all?.mentor.length ?? -1;
    settled = raw.optimal?.solveSettledNodes ?? -1;
    side = raw.optimal?.insertedSide ?? '';
    raw = null;
    gc();
  }
  const report: Report = { base, peak: process.resourceUsage().maxRSS * 1024, calls, eligible, settled, side };
  console.log(JSON.stringify(report));
  process.exit(0);
}

const mentees = Number(process.argv[2] ?? 30_000);
const ratio = Number(process.argv[3] ?? 0.6);
const reps = Number(process.argv[4] ?? 1);
const here = fileURLToPath(import.meta.url);
const engines = process.argv.slice(5).map((p) => resolve(p));
if (engines.length === 0) engines.push(resolve(here, '../../../packages/matching/src/index.ts'));
const MB = 2 ** 20;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(
  `node ${process.version}, ${mentees} mentees at ${ratio}× slots, ${reps} process(es) per engine, load ${load()}`
);
console.log(
  '| engine | eligible pairs | inserted | settled nodes | first call wall / CPU ms | second (warm) call wall / CPU ms | warm prepare / scoring / solving ms | RSS before MB | peak RSS MB | peak − before MB |'
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (let r = 0; r < reps; r++) {
  engines.forEach((engine, e) => {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', here, '--child', engine, String(mentees), String(ratio)],
      { encoding: 'utf8', maxBuffer: 1 << 20 }
    );
    const x = JSON.parse(out.trim().split('\n').pop()!) as Report;
    const [first, second] = [x.calls[0]!, x.calls[1]!];
    const ms = (v: number) => v.toFixed(0);
    console.log(
      `| #${e + 1} | ${(x.eligible / 1e6).toFixed(1)} M | ${x.side} | ${x.settled} | ${ms(first.wall)} / ${ms(first.cpu)} | **${ms(second.wall)} / ${ms(second.cpu)}** | ${ms(second.prepare)} / ${ms(second.scoring)} / ${ms(second.solving)} | ${ms(x.base / MB)} | ${ms(x.peak / MB)} | ${ms((x.peak - x.base) / MB)} |`
    );
  });
}
engines.forEach((engine, e) => console.log(`#${e + 1} = ${engine}`));
console.log(`load after ${load()}`);
