import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Peak memory of one matching run, measured in a fresh process: the child generates the cohort, records its resident
 * set size, runs the mode once and reports the process's peak RSS (`process.resourceUsage().maxRSS`). "Peak during
 * matching" is that peak minus the RSS before matching (the cohort, the modules and the runtime), so it counts the
 * engine's own working memory at its highest, garbage included.
 * `node --import tsx bench/matching/peak.ts [mentees=10000] [ratios=0.6,1,1.2]`
 */
if (process.argv[2] === '--child') {
  const { matchRaw } = await import('../../packages/matching/src/index.ts');
  const { generateCohort } = await import('./generate.ts');
  const [mentees, mentors, ratio, mode] = [
    Number(process.argv[3]),
    Number(process.argv[4]),
    Number(process.argv[5]),
    process.argv[6] as 'optimal'
  ];
  const cohort = generateCohort({ mentees, mentors, slotRatio: ratio, seed: 1 });
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  const raw = matchRaw(cohort, { mode });
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ base, peakBefore, peak, ms, matched: raw.assign.filter((j) => j >= 0).length }));
  process.exit(0);
}
const mentees = Number(process.argv[2] ?? 10_000);
const ratios = (process.argv[3] ?? '0.6,1,1.2').split(',').map(Number);
const MB = 2 ** 20;
console.log(
  '| mentees × mentors | slots | mode | RSS before matching MB | peak RSS MB | peak during matching MB | run ms |'
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const ratio of ratios) {
  const slots = Math.round(ratio * mentees);
  const mentors = Math.max(mentees / 5, Math.ceil(slots / 5));
  for (const mode of ['greedy', 'optimal', 'stable']) {
    const out = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
        String(mentees),
        String(mentors),
        String(ratio),
        mode
      ],
      { encoding: 'utf8' }
    );
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      base: number;
      peakBefore: number;
      peak: number;
      ms: number;
    };
    // If generating the cohort peaked higher than matching did, the matching peak is not visible: say so.
    const during =
      r.peak > r.peakBefore
        ? ((r.peak - r.base) / MB).toFixed(0)
        : `≤ ${((r.peakBefore - r.base) / MB).toFixed(0)} (hidden by generation)`;
    console.log(
      `| ${mentees.toLocaleString('en')} × ${mentors.toLocaleString('en')} | ${ratio}× | ${mode} | ${(r.base / MB).toFixed(0)} | ${(r.peak / MB).toFixed(0)} | ${during} | ${r.ms.toFixed(0)} |`
    );
  }
}
