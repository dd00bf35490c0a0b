import munkres from 'munkres';
import { matchRaw, type Mode } from '../../packages/matching/src/index.ts';
import { findBlockingPairIndices } from '../../packages/matching/src/blocking.ts';
import { generateCohort } from './generate.ts';

/** One measured run of one method on one cohort. */
interface Run {
  method: string;
  prepareMs: number;
  scoringMs: number;
  solvingMs: number;
  memoryMB: number;
  matchedPct: number;
  total: number;
  min: number;
  blocking: number | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const gc = (globalThis as { gc?: () => void }).gc;

function runEngine(cohort: unknown, mode: Mode, countBlocking: boolean): Run {
  gc?.();
  const before = memory();
  const raw = matchRaw(cohort, { mode, clock: () => performance.now() });
  const after = memory();
  let matched = 0;
  let total = 0;
  let min = Infinity;
  for (let i = 0; i < raw.assign.length; i++) {
    const j = raw.assign[i]!;
    if (j < 0) continue;
    matched++;
    const s = raw.scorer.pairScore(i, j);
    total += s;
    min = Math.min(min, s);
  }
  const blocking = countBlocking
    ? findBlockingPairIndices(raw.scorer, raw.assign, raw.freeMentees, raw.residualCapacity, 0).count
    : null;
  return {
    method: mode,
    prepareMs: raw.prepareMs,
    scoringMs: raw.scoringMs,
    solvingMs: raw.solvingMs,
    memoryMB: (after - before) / 2 ** 20,
    matchedPct: (100 * matched) / raw.assign.length,
    total,
    min: matched ? min : 0,
    blocking
  };
}

/**
 * The npm `munkres` dense Hungarian on the same problem: rows are mentees, columns are mentor slots, cost is minus
 * the score for eligible pairs and 0 otherwise (a 0-cost assignment means "unmatched", which is exact because
 * every eligible pair scores ≥ 0). Scoring uses the engine's scorer, timed apart.
 */
function runMunkres(cohort: unknown): Run {
  gc?.();
  const before = memory();
  const raw = matchRaw(cohort, { mode: 'greedy', topK: Infinity, clock: () => performance.now() });
  const t0 = performance.now();
  const { scorer, freeMentees, residualCapacity } = raw;
  const slotMentor: number[] = [];
  residualCapacity.forEach((c, j) => {
    for (let k = 0; k < c; k++) slotMentor.push(j);
  });
  const slotStart = new Int32Array(residualCapacity.length + 1);
  residualCapacity.forEach((c, j) => (slotStart[j + 1] = slotStart[j]! + c));
  const row = new Int32Array(residualCapacity.length);
  const rowScore = new Int32Array(residualCapacity.length);
  const matrix = Array.from(freeMentees, (i) => {
    const costs = new Array<number>(slotMentor.length).fill(0);
    const count = scorer.scoreRow(i, row, rowScore);
    for (let k = 0; k < count; k++)
      for (let q = slotStart[row[k]!]!; q < slotStart[row[k]! + 1]!; q++) costs[q] = -rowScore[k]!;
    return costs;
  });
  const t1 = performance.now();
  const pairs = munkres(matrix);
  const t2 = performance.now();
  const after = memory();
  let matched = 0;
  let total = 0;
  let min = Infinity;
  for (const [r, c] of pairs) {
    const cost = matrix[r]![c]!;
    if (cost === 0 && scorer.failedRules(freeMentees[r]!, slotMentor[c]!) !== 0) continue;
    matched++;
    total -= cost;
    min = Math.min(min, -cost);
  }
  return {
    method: 'munkres (npm, dense)',
    prepareMs: raw.prepareMs,
    scoringMs: raw.scoringMs + (t1 - t0),
    solvingMs: t2 - t1,
    memoryMB: (after - before) / 2 ** 20,
    matchedPct: (100 * matched) / freeMentees.length,
    total,
    min: matched ? min : 0,
    blocking: null
  };
}

/** A configuration of the benchmark. */
export interface BenchConfig {
  readonly sizes: ReadonlyArray<{ mentees: number; mentors: number; seeds: number }>;
  readonly ratios: readonly number[];
  /** Largest mentees × slots matrix the dense npm solver is given. */
  readonly munkresLimit: number;
  readonly log: (line: string) => void;
}

/** Runs every method on every size, ratio and seed; prints a Markdown table with medians and ratios to greedy. */
export function runMatchingBenchmark(config: BenchConfig): string {
  const lines: string[] = [];
  const out = (line: string) => {
    lines.push(line);
    config.log(line);
  };
  // Warm the JIT up on a mid-sized cohort first, so the first measured method is not charged for compilation.
  const warm = generateCohort({ mentees: 500, mentors: 100, slotRatio: 1, seed: 99 });
  for (const mode of ['greedy', 'optimal', 'stable'] as const) runEngine(warm, mode, true);
  runMunkres(warm);
  out(
    '| mentees × mentors | slots | method | seeds | prepare ms | scoring ms | solving ms | total ms | × greedy time | retained MB | matched % | total score | × greedy score | min score | blocking pairs |'
  );
  out('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const size of config.sizes) {
    for (const ratio of config.ratios) {
      const slots = Math.round(ratio * size.mentees);
      const mentors = Math.max(size.mentors, Math.ceil(slots / 5));
      const runs = new Map<string, Run[]>();
      for (let seed = 1; seed <= size.seeds; seed++) {
        const cohort = generateCohort({ mentees: size.mentees, mentors, slotRatio: ratio, seed });
        for (const mode of ['greedy', 'optimal', 'stable'] as const) {
          const run = runEngine(cohort, mode, true);
          runs.set(mode, [...(runs.get(mode) ?? []), run]);
        }
        if (size.mentees * slots <= config.munkresLimit)
          runs.set('munkres', [...(runs.get('munkres') ?? []), runMunkres(cohort)]);
      }
      const greedy = runs.get('greedy')!;
      const greedyTime = median(greedy.map((r) => r.scoringMs + r.solvingMs));
      const greedyScore = median(greedy.map((r) => r.total));
      for (const [, list] of runs) {
        const time = median(list.map((r) => r.scoringMs + r.solvingMs));
        const total = median(list.map((r) => r.total));
        const blocking = list[0]!.blocking === null ? '—' : String(median(list.map((r) => r.blocking!)));
        out(
          `| ${size.mentees.toLocaleString('en')} × ${mentors.toLocaleString('en')} | ${ratio}× (${slots.toLocaleString('en')}) | ${list[0]!.method} | ${list.length} | ${median(list.map((r) => r.prepareMs)).toFixed(0)} | ${median(list.map((r) => r.scoringMs)).toFixed(0)} | ${median(list.map((r) => r.solvingMs)).toFixed(0)} | ${time.toFixed(0)} | ${(time / greedyTime).toFixed(2)} | ${median(list.map((r) => r.memoryMB)).toFixed(0)} | ${median(list.map((r) => r.matchedPct)).toFixed(1)} | ${total} | ${(total / greedyScore).toFixed(4)} | ${median(list.map((r) => r.min))} | ${blocking} |`
        );
      }
      if (size.mentees * slots > config.munkresLimit)
        out(
          `| ${size.mentees.toLocaleString('en')} × ${mentors.toLocaleString('en')} | ${ratio}× | munkres (npm, dense) | — | not run: dense ${size.mentees}×${slots} matrix over the ${config.munkresLimit.toLocaleString('en')}-cell limit | | | | | | | | | | |`
        );
    }
  }
  return lines.join('\n');
}
