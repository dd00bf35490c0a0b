import { MatchingInputError } from './errors.ts';
import { pairValueWeights } from './objective.ts';
import {
  MAX_PEOPLE_PER_SIDE,
  type Cohort,
  type Mentee,
  type Mentor,
  type Pair,
  type Rules,
  type Weights
} from './schema.ts';
import { popcount32 } from './bit-slice.ts';
import { availabilityToUtcIntervals, utcOffsetMinutes } from './time.ts';

/** A set of tags over a shared vocabulary, one bitset of `words` 32-bit words per person. */
export interface TagSets {
  readonly vocabulary: readonly string[];
  readonly words: number;
  readonly menteeBits: Uint32Array;
  readonly mentorBits: Uint32Array;
  /**
   * Size of each mentee's set (the denominator of coverage criteria). 32 bits: the schema does not limit tag lists,
   * and a count kept in a byte once capped 300 tags at 255, which scored pairs above the criterion's weight.
   */
  readonly menteeCount: Uint32Array;
}

/** Why a pair may not be formed; one bit per hard rule or coordinator decision. */
export const RULE = {
  sharedLanguage: 1,
  maxTimeZoneGap: 2,
  minOverlap: 4,
  differentOrganisation: 8,
  notForbidden: 16,
  notPastPair: 32,
  mentorHasCapacity: 64
} as const;
export type RuleName = keyof typeof RULE;
export const RULE_NAMES = Object.keys(RULE) as RuleName[];

/**
 * The cohort compiled into typed arrays, indexed by position in id order (which makes every result independent of
 * the order of the input). Mentees are `0..n-1`, mentors `0..m-1`.
 */
export interface Model {
  readonly mentees: readonly Mentee[];
  readonly mentors: readonly Mentor[];
  readonly weights: Weights;
  readonly rules: Rules;
  readonly maximizeMatched: boolean;
  readonly availabilityTarget: number;
  readonly sectors: TagSets;
  readonly skills: TagSets;
  readonly goals: TagSets;
  readonly languages: TagSets;
  readonly menteeOffset: Int32Array;
  readonly mentorOffset: Int32Array;
  readonly menteeOrg: Int32Array;
  readonly mentorOrg: Int32Array;
  readonly capacity: Int32Array;
  /** Mentee availability as flattened UTC intervals; mentee i owns `menteeAvail[menteeAvailStart[i] .. [i+1])`. */
  readonly menteeAvail: Int32Array;
  readonly menteeAvailStart: Int32Array;
  readonly mentorAvail: Int32Array;
  readonly mentorAvailStart: Int32Array;
  /** Forbidden (kind notForbidden) and past (kind notPastPair) pairs, grouped by mentee: CSR over `exclusionStart`. */
  readonly exclusionStart: Int32Array;
  readonly exclusionMentor: Int32Array;
  readonly exclusionKind: Int32Array;
  /** Mentee rankings, best first, grouped by mentee: CSR over `rankingStart`. */
  readonly rankingStart: Int32Array;
  readonly rankingMentor: Int32Array;
  /** Locked pairs as [mentee, mentor] indices, sorted by mentee. */
  readonly locks: ReadonlyArray<readonly [number, number]>;
  /** For a mentee, the mentor it is locked to, or -1. */
  readonly lockedMentor: Int32Array;
  /** For a mentee, its mentor in `previousPairs` (kept by `optimal` where that costs nothing), or -1. */
  readonly previousMentor: Int32Array;
  readonly menteeIndex: ReadonlyMap<string, number>;
  readonly mentorIndex: ReadonlyMap<string, number>;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function indexById(people: ReadonlyArray<{ id: string }>, role: string): Map<string, number> {
  const index = new Map<string, number>();
  people.forEach((p, i) => {
    if (index.has(p.id)) throw new MatchingInputError(`duplicate ${role} id "${p.id}"`);
    index.set(p.id, i);
  });
  return index;
}

function tagSets(
  mentees: readonly Mentee[],
  mentors: readonly Mentor[],
  pick: (p: Mentee | Mentor) => readonly string[]
): TagSets {
  const all = new Set<string>();
  for (const p of mentees) for (const t of pick(p)) all.add(t);
  for (const p of mentors) for (const t of pick(p)) all.add(t);
  const vocabulary = [...all].sort();
  const position = new Map(vocabulary.map((t, i) => [t, i]));
  const words = Math.max(1, Math.ceil(vocabulary.length / 32));
  const fill = (people: ReadonlyArray<Mentee | Mentor>) => {
    const bits = new Uint32Array(people.length * words);
    people.forEach((p, i) => {
      for (const t of pick(p)) {
        const b = position.get(t)!;
        bits[i * words + (b >>> 5)]! |= 1 << (b & 31);
      }
    });
    return bits;
  };
  const menteeBits = fill(mentees);
  // A mentee's number of distinct tags is the number of bits of its row (no Set per person).
  const menteeCount = new Uint32Array(mentees.length);
  for (let i = 0; i < mentees.length; i++) {
    let count = 0;
    for (let y = 0; y < words; y++) count += popcount32(menteeBits[i * words + y]!);
    menteeCount[i] = count;
  }
  return { vocabulary, words, menteeBits, mentorBits: fill(mentors), menteeCount };
}

function flattenAvailability(people: ReadonlyArray<Mentee | Mentor>, offsets: Int32Array, role: string) {
  const start = new Int32Array(people.length + 1);
  const chunks: number[][] = [];
  let total = 0;
  people.forEach((p, i) => {
    const intervals = availabilityToUtcIntervals(p.availability, offsets[i]!, role, p.id);
    chunks.push(intervals);
    start[i] = total;
    total += intervals.length;
  });
  start[people.length] = total;
  const flat = new Int32Array(total);
  chunks.forEach((c, i) => flat.set(c, start[i]!));
  return { flat, start };
}

/**
 * Checks the cohort for semantic errors the schema cannot see and compiles it into a {@link Model}.
 * @throws MatchingInputError for duplicate ids, unknown ids in pairs or rankings, conflicting or over-capacity locks.
 */
export function compileCohort(cohort: Cohort): Model {
  const mentees = [...cohort.mentees].sort(byId);
  const mentors = [...cohort.mentors].sort(byId);
  const menteeIndex = indexById(mentees, 'mentee');
  const mentorIndex = indexById(mentors, 'mentor');
  const { settings } = cohort;
  if (mentees.length > MAX_PEOPLE_PER_SIDE || mentors.length > MAX_PEOPLE_PER_SIDE)
    throw new MatchingInputError(`a cohort may hold at most ${MAX_PEOPLE_PER_SIDE} people per side`);
  // The exact solver's sums must stay below 2^53; within the limits above they always do, and if a limit is ever
  // raised this refuses the cohort here, as an input error, before anything is solved.
  const w = settings.weights;
  const maxScore = w.sectors + w.skills + w.goals + w.languages + w.timeZone + w.availability + w.preference;
  pairValueWeights(mentees.length, maxScore, settings.maximizeMatched);

  const resolvePair = (pair: Pair, what: string): [number, number] => {
    const e = menteeIndex.get(pair.mentee);
    if (e === undefined) throw new MatchingInputError(`${what} references unknown mentee "${pair.mentee}"`);
    const r = mentorIndex.get(pair.mentor);
    if (r === undefined) throw new MatchingInputError(`${what} references unknown mentor "${pair.mentor}"`);
    return [e, r];
  };

  const capacity = Int32Array.from(mentors, (m) => m.capacity);
  const lockedMentor = new Int32Array(mentees.length).fill(-1);
  const lockLoad = new Int32Array(mentors.length);
  const locks: Array<[number, number]> = [];
  for (const pair of settings.lockedPairs) {
    const [e, r] = resolvePair(pair, 'locked pair');
    if (lockedMentor[e] !== -1) throw new MatchingInputError(`mentee "${pair.mentee}" is in more than one locked pair`);
    lockedMentor[e] = r;
    lockLoad[r]!++;
    if (lockLoad[r]! > capacity[r]!)
      throw new MatchingInputError(`mentor "${pair.mentor}" has more locked pairs than capacity (${capacity[r]})`);
    locks.push([e, r]);
  }
  locks.sort((a, b) => a[0] - b[0]);

  const previousMentor = new Int32Array(mentees.length).fill(-1);
  for (const pair of settings.previousPairs) {
    const [e, r] = resolvePair(pair, 'previous pair');
    if (previousMentor[e] !== -1)
      throw new MatchingInputError(`mentee "${pair.mentee}" is in more than one previous pair`);
    previousMentor[e] = r;
  }

  const exclusions: Array<[number, number, number]> = [];
  for (const [list, kind, what] of [
    [settings.forbiddenPairs, RULE.notForbidden, 'forbidden pair'],
    [settings.pastPairs, RULE.notPastPair, 'past pair']
  ] as const) {
    for (const pair of list) {
      const [e, r] = resolvePair(pair, what);
      if (lockedMentor[e] === r)
        throw new MatchingInputError(`pair "${pair.mentee}"–"${pair.mentor}" is both locked and a ${what}`);
      exclusions.push([e, r, kind]);
    }
  }
  exclusions.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const exclusionStart = new Int32Array(mentees.length + 1);
  for (const [e] of exclusions) exclusionStart[e + 1]!++;
  for (let i = 0; i < mentees.length; i++) exclusionStart[i + 1]! += exclusionStart[i]!;

  const rankingStart = new Int32Array(mentees.length + 1);
  const ranking: number[] = [];
  mentees.forEach((p, i) => {
    rankingStart[i] = ranking.length;
    const seen = new Set<string>();
    for (const id of p.ranking) {
      const r = mentorIndex.get(id);
      if (r === undefined) throw new MatchingInputError(`mentee "${p.id}" ranks unknown mentor "${id}"`);
      if (seen.has(id)) throw new MatchingInputError(`mentee "${p.id}" ranks mentor "${id}" twice`);
      seen.add(id);
      ranking.push(r);
    }
  });
  rankingStart[mentees.length] = ranking.length;

  const orgIds = new Map<string, number>();
  const org = (o: string | undefined) => {
    if (o === undefined || o.trim() === '') return -1;
    const key = o.trim().toLowerCase();
    if (!orgIds.has(key)) orgIds.set(key, orgIds.size);
    return orgIds.get(key)!;
  };
  const menteeOffset = Int32Array.from(mentees, (p) => utcOffsetMinutes(p.timeZone, settings.referenceDate));
  const mentorOffset = Int32Array.from(mentors, (p) => utcOffsetMinutes(p.timeZone, settings.referenceDate));
  const menteeAvail = flattenAvailability(mentees, menteeOffset, 'mentee');
  const mentorAvail = flattenAvailability(mentors, mentorOffset, 'mentor');

  return {
    mentees,
    mentors,
    weights: settings.weights,
    rules: settings.rules,
    maximizeMatched: settings.maximizeMatched,
    availabilityTarget: settings.availabilityTargetMinutes,
    sectors: tagSets(mentees, mentors, (p) => p.sectors),
    skills: tagSets(mentees, mentors, (p) => p.skills),
    goals: tagSets(mentees, mentors, (p) => p.goals),
    languages: tagSets(mentees, mentors, (p) => p.languages),
    menteeOffset,
    mentorOffset,
    menteeOrg: Int32Array.from(mentees, (p) => org(p.organisation)),
    mentorOrg: Int32Array.from(mentors, (p) => org(p.organisation)),
    capacity,
    menteeAvail: menteeAvail.flat,
    menteeAvailStart: menteeAvail.start,
    mentorAvail: mentorAvail.flat,
    mentorAvailStart: mentorAvail.start,
    exclusionStart,
    exclusionMentor: Int32Array.from(exclusions, (x) => x[1]),
    exclusionKind: Int32Array.from(exclusions, (x) => x[2]),
    rankingStart,
    rankingMentor: Int32Array.from(ranking),
    locks,
    lockedMentor,
    previousMentor,
    menteeIndex,
    mentorIndex
  };
}
