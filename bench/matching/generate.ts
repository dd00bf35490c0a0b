import type { CohortInput } from '../../packages/matching/src/index.ts';

/** A small seeded PRNG (mulberry32), so every cohort can be regenerated exactly from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws indices 0..n-1 with Zipf(s) popularity: a few sectors/skills/goals are far more common than the rest. */
function zipf(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cdf[k] = total += 1 / (k + 1) ** s;
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function pickDistinct(count: number, draw: () => number, names: readonly string[]): string[] {
  const out = new Set<string>();
  for (let guard = 0; out.size < count && guard < 50; guard++) out.add(names[draw()]!);
  return [...out];
}

const SECTORS = Array.from({ length: 12 }, (_, k) => `sector-${k}`);
const SKILLS = Array.from({ length: 40 }, (_, k) => `skill-${k}`);
const GOALS = Array.from({ length: 10 }, (_, k) => `goal-${k}`);
const OTHER_LANGUAGES = ['es', 'fr', 'de', 'pt', 'it', 'ar', 'pl', 'nl', 'zh', 'hi', 'ja', 'sv'];
/** Time-zone mixture: mostly Europe, then the Americas, Asia and Africa (offsets in minutes). */
const ZONES: ReadonlyArray<[number, number]> = [
  [0, 0.15],
  [60, 0.25],
  [120, 0.12],
  [180, 0.04],
  [-300, 0.1],
  [-360, 0.04],
  [-480, 0.06],
  [-180, 0.06],
  [330, 0.08],
  [480, 0.05],
  [540, 0.03],
  [600, 0.02]
];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function zone(random: () => number): string {
  let x = random();
  for (const [offset, p] of ZONES) {
    if ((x -= p) <= 0)
      return `UTC${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  }
  return 'UTC';
}

/** 3–6 two-hour blocks in local time: weekday evenings, some lunchtimes, weekend daytime. */
function availability(random: () => number) {
  const blocks: Array<{ day: (typeof DAYS)[number]; start: string; end: string }> = [];
  const count = 3 + Math.floor(random() * 4);
  const seen = new Set<string>();
  for (let k = 0; k < count; k++) {
    const day = Math.floor(random() * 7);
    const weekend = day >= 5;
    const starts = weekend ? [10, 12, 14, 16] : random() < 0.25 ? [12] : [17, 18, 19, 20];
    const start = starts[Math.floor(random() * starts.length)]!;
    const key = `${day}-${start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    blocks.push({ day: DAYS[day]!, start: `${start}:00`, end: `${start + 2}:00` });
  }
  return blocks;
}

/** Options of {@link generateCohort}. */
export interface CohortSize {
  readonly mentees: number;
  readonly mentors: number;
  /** Total mentor capacity as a multiple of the number of mentees (0.6, 1.0, 1.2). */
  readonly slotRatio: number;
  readonly seed: number;
}

/**
 * A realistic synthetic cohort: Zipf popularity of sectors, skills and goals; 1–3 languages, English-heavy; a
 * time-zone mixture; 2-hour local availability blocks; 300 organisations; capacities 1–5 adjusted so the total is
 * `slotRatio × mentees`; 20% of mentees rank 1–3 mentors; 1% have a past pair and 0.5% a forbidden pair.
 */
export function generateCohort(size: CohortSize): CohortInput {
  const random = rng(size.seed * 7919 + size.mentees);
  const sector = zipf(SECTORS.length, 1.1, random);
  const skill = zipf(SKILLS.length, 1.0, random);
  const goal = zipf(GOALS.length, 0.9, random);
  const language = zipf(OTHER_LANGUAGES.length, 1.2, random);
  const org = zipf(300, 1.0, random);
  const languages = () => {
    const out = random() < 0.85 ? ['en'] : [];
    const extra = out.length === 0 ? 1 + Math.floor(random() * 2) : Math.floor(random() * 3);
    return [...out, ...pickDistinct(extra, language, OTHER_LANGUAGES)];
  };
  const target = Math.round(size.slotRatio * size.mentees);
  if (target > size.mentors * 5 || target < size.mentors)
    throw new Error(`cannot give ${size.mentors} mentors ${target} slots with capacities 1–5`);
  const capacity = Array.from({ length: size.mentors }, () => 1 + Math.floor(random() * 5));
  let sum = capacity.reduce((a, b) => a + b, 0);
  while (sum !== target) {
    const k = Math.floor(random() * size.mentors);
    if (sum < target && capacity[k]! < 5) {
      capacity[k]!++;
      sum++;
    } else if (sum > target && capacity[k]! > 1) {
      capacity[k]!--;
      sum--;
    }
  }
  const mentors = capacity.map((cap, k) => ({
    id: `m-${String(k).padStart(5, '0')}`,
    sectors: pickDistinct(1 + Math.floor(random() * 2), sector, SECTORS),
    skills: pickDistinct(3 + Math.floor(random() * 4), skill, SKILLS),
    goals: pickDistinct(1 + Math.floor(random() * 3), goal, GOALS),
    languages: languages(),
    timeZone: zone(random),
    availability: availability(random),
    organisation: `org-${org()}`,
    capacity: cap
  }));
  const pairs = (share: number) =>
    Array.from({ length: Math.round(size.mentees * share) }, () => ({
      mentee: `e-${String(Math.floor(random() * size.mentees)).padStart(5, '0')}`,
      mentor: mentors[Math.floor(random() * size.mentors)]!.id
    }));
  const mentees = Array.from({ length: size.mentees }, (_, k) => ({
    id: `e-${String(k).padStart(5, '0')}`,
    sectors: pickDistinct(1 + Math.floor(random() * 2), sector, SECTORS),
    skills: pickDistinct(2 + Math.floor(random() * 3), skill, SKILLS),
    goals: pickDistinct(1 + Math.floor(random() * 2), goal, GOALS),
    languages: languages(),
    timeZone: zone(random),
    availability: availability(random),
    ...(random() < 0.4 ? { organisation: `org-${org()}` } : {}),
    ranking:
      random() < 0.2
        ? pickDistinct(
            1 + Math.floor(random() * 3),
            () => Math.floor(random() * size.mentors),
            mentors.map((m) => m.id)
          )
        : []
  }));
  return {
    settings: {
      rules: { sharedLanguage: true, maxTimeZoneGapHours: 6, minOverlapMinutes: 60, differentOrganisation: true },
      pastPairs: pairs(0.01),
      forbiddenPairs: pairs(0.005)
    },
    mentors,
    mentees
  };
}
