import { matchRaw, type Mode } from '../../packages/matching/src/index.ts';
import { generateCohort } from './generate.ts';

/**
 * Churn: how much of a matching moves when 1% of the inputs change. For each slot ratio, cohort A (seed 1) is matched,
 * then every 100th mentee's profile is replaced by another generated profile (same id; from the seed-2 cohort) and the
 * cohort matched again. Reported per mode: the share of the *unchanged* mentees whose mentor (or unmatched state)
 * changed, and the change in total score. `optimal + previous` re-runs with the first run's pairs as `previousPairs`
 * (the tie-break that keeps earlier pairs when that costs no score and no matched person); its solving time is
 * reported against plain `optimal` on the same changed cohort, as a ratio.
 * `node --import tsx bench/matching/churn.ts [mentees=10000] [ratios=0.6,1,1.2]`
 */
const mentees = Number(process.argv[2] ?? 10_000);
const ratios = (process.argv[3] ?? '0.6,1,1.2').split(',').map(Number);
console.log(
  '| mentees × mentors | slots | mode | changed profiles | unchanged mentees whose match moved | % | total score before → after |'
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const ratio of ratios) {
  const slots = Math.round(ratio * mentees);
  const mentors = Math.max(mentees / 5, Math.ceil(slots / 5));
  const a = generateCohort({ mentees, mentors, slotRatio: ratio, seed: 1 });
  const other = generateCohort({ mentees, mentors, slotRatio: ratio, seed: 2 });
  const changed = new Set<number>();
  const menteesB = a.mentees.map((p, k) => {
    if (k % 100 !== 0) return p;
    changed.add(k);
    return { ...other.mentees[k]!, id: p.id };
  });
  const b = { ...a, mentees: menteesB };
  for (const variant of ['greedy', 'optimal', 'stable', 'optimal + previous'] as const) {
    const mode: Mode = variant === 'optimal + previous' ? 'optimal' : variant;
    const before = matchRaw(a, { mode });
    let input = b;
    let note = '';
    if (variant === 'optimal + previous') {
      const previousPairs: Array<{ mentee: string; mentor: string }> = [];
      for (let i = 0; i < before.assign.length; i++) {
        if (before.assign[i]! >= 0)
          previousPairs.push({
            mentee: before.model.mentees[i]!.id,
            mentor: before.model.mentors[before.assign[i]!]!.id
          });
      }
      input = { ...b, settings: { ...b.settings, previousPairs } };
      const clock = () => performance.now();
      const plain = matchRaw(b, { mode, clock });
      const keeping = matchRaw(input, { mode, clock });
      note = ` (solving ${keeping.solvingMs.toFixed(0)} ms vs ${plain.solvingMs.toFixed(0)} ms without, ×${(keeping.solvingMs / plain.solvingMs).toFixed(2)})`;
    }
    const after = matchRaw(input, { mode });
    const total = (raw: typeof before) => {
      let t = 0;
      for (let i = 0; i < raw.assign.length; i++) if (raw.assign[i]! >= 0) t += raw.scorer.pairScore(i, raw.assign[i]!);
      return t;
    };
    let moved = 0;
    for (let i = 0; i < mentees; i++) if (!changed.has(i) && before.assign[i] !== after.assign[i]) moved++;
    const unchanged = mentees - changed.size;
    console.log(
      `| ${mentees.toLocaleString('en')} × ${mentors.toLocaleString('en')} | ${ratio}× | ${variant}${note} | ${changed.size} | ${moved.toLocaleString('en')} of ${unchanged.toLocaleString('en')} | ${((100 * moved) / unchanged).toFixed(2)} | ${total(before)} → ${total(after)} |`
    );
  }
}
