import type { CandidateLists } from './candidates.ts';
import { RULE, RULE_NAMES, type Model, type RuleName } from './model.ts';
import { CRITERIA, type Criterion } from './pair-score.ts';
import type { Scorer } from './scoring.ts';

/** Points per criterion; they add up exactly to the pair's score. */
export type Breakdown = Record<Criterion, number>;

/** One proposed mentor–mentee pair with its explanation. */
export interface MatchedPair {
  readonly mentee: string;
  readonly mentor: string;
  readonly score: number;
  /** True when the coordinator locked this pair; locked pairs are kept even if they break a rule. */
  readonly locked: boolean;
  readonly breakdown: Breakdown;
  /** The facts behind the points. */
  readonly details: {
    readonly sharedSectors: string[];
    readonly matchedSkills: string[];
    readonly sharedGoals: string[];
    readonly sharedLanguages: string[];
    readonly timeZoneGapHours: number;
    readonly overlapMinutesPerWeek: number;
    /** 1-based position of the mentor in the mentee's ranking, or null if not ranked. */
    readonly menteeRank: number | null;
  };
  /** The hard rules in force that this pair meets. */
  readonly rulesMet: RuleName[];
  /** Rules a locked pair breaks (always empty for pairs the engine chose). */
  readonly rulesBroken: RuleName[];
}

/** Counts of mentors (or mentees) excluded by each rule; one person can be excluded by several. */
export type ExclusionCounts = Partial<Record<RuleName, number>>;

/** Why a mentee was not matched. */
export type UnmatchedMentee =
  | { readonly mentee: string; readonly reason: 'no-eligible-mentor'; readonly excludedBy: ExclusionCounts }
  | {
      readonly mentee: string;
      readonly reason: 'capacity-exhausted';
      /** How many mentors were eligible; all of them are full. */
      readonly eligibleMentors: number;
      /** The best-scoring eligible mentors (up to 3), all full. */
      readonly bestEligible: string[];
    };

/** Why a mentor has capacity left. */
export type MentorWithRoom =
  | {
      readonly mentor: string;
      readonly capacity: number;
      readonly used: number;
      readonly reason: 'no-eligible-mentee';
      readonly excludedBy: ExclusionCounts;
    }
  | {
      readonly mentor: string;
      readonly capacity: number;
      readonly used: number;
      readonly reason: 'eligible-mentees-all-matched';
      readonly eligibleMentees: number;
    };

function rulesInForce(model: Model): number {
  const r = model.rules;
  let mask = RULE.notForbidden | RULE.notPastPair;
  if (r.sharedLanguage) mask |= RULE.sharedLanguage;
  if (r.maxTimeZoneGapHours !== null) mask |= RULE.maxTimeZoneGap;
  if (r.minOverlapMinutes > 0) mask |= RULE.minOverlap;
  if (r.differentOrganisation) mask |= RULE.differentOrganisation;
  return mask;
}

function names(mask: number): RuleName[] {
  return RULE_NAMES.filter((name) => (mask & RULE[name]) !== 0);
}

function shared(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(b);
  return [...new Set(a)].filter((t) => set.has(t)).sort();
}

/** Explains one pair: its score, points per criterion, the facts behind them and the rules it meets. */
export function explainPair(scorer: Scorer, i: number, j: number, locked: boolean): MatchedPair {
  const md = scorer.model;
  const mentee = md.mentees[i]!;
  const mentor = md.mentors[j]!;
  const points = new Int32Array(CRITERIA.length);
  const score = scorer.pairScore(i, j, points);
  const breakdown = Object.fromEntries(CRITERIA.map((c, k) => [c, points[k]!])) as Breakdown;
  const failed = scorer.failedRules(i, j) & ~RULE.mentorHasCapacity;
  const inForce = rulesInForce(md);
  // Exclusion lists only count as "rules met" when the coordinator has set some.
  let shown = inForce;
  if (md.exclusionStart[md.mentees.length] === 0) shown &= ~(RULE.notForbidden | RULE.notPastPair);
  const rank = scorer.rankOf(i, j);
  return {
    mentee: mentee.id,
    mentor: mentor.id,
    score,
    locked,
    breakdown,
    details: {
      sharedSectors: shared(mentee.sectors, mentor.sectors),
      matchedSkills: shared(mentee.skills, mentor.skills),
      sharedGoals: shared(mentee.goals, mentor.goals),
      sharedLanguages: shared(mentee.languages, mentor.languages),
      timeZoneGapHours: scorer.timeZoneGap(i, j) / 60,
      overlapMinutesPerWeek: scorer.overlap(i, j),
      menteeRank: rank >= 0 ? rank + 1 : null
    },
    rulesMet: names(shown & ~failed),
    rulesBroken: names(failed & inForce)
  };
}

function countExclusions(masks: Iterable<number>): ExclusionCounts {
  const counts: ExclusionCounts = {};
  for (const mask of masks) for (const name of names(mask)) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/**
 * Explains an unmatched mentee. A mentee with eligible mentors that still had room would have been matched by every
 * mode (each would add that pair), so "eligible but unmatched" always means those mentors are full.
 */
export function explainUnmatchedMentee(scorer: Scorer, lists: CandidateLists, i: number): UnmatchedMentee {
  const md = scorer.model;
  const id = md.mentees[i]!.id;
  const best = Array.from(
    lists.mentor.subarray(lists.start[i], Math.min(lists.start[i]! + 3, lists.start[i + 1]!)),
    (j) => md.mentors[j]!.id
  );
  if (lists.eligibleCount[i]! > 0)
    return { mentee: id, reason: 'capacity-exhausted', eligibleMentors: lists.eligibleCount[i]!, bestEligible: best };
  const masks: number[] = [];
  const fullByLocks: string[] = [];
  for (let j = 0; j < md.mentors.length; j++) {
    const mask = scorer.failedRules(i, j);
    if (mask === 0) fullByLocks.push(md.mentors[j]!.id);
    else masks.push(mask);
  }
  if (fullByLocks.length > 0)
    return {
      mentee: id,
      reason: 'capacity-exhausted',
      eligibleMentors: fullByLocks.length,
      bestEligible: fullByLocks.slice(0, 3)
    };
  return { mentee: id, reason: 'no-eligible-mentor', excludedBy: countExclusions(masks) };
}

/** Explains why mentor `j` has room left, given how many free mentees were eligible for it. */
export function explainMentorWithRoom(
  scorer: Scorer,
  j: number,
  used: number,
  eligibleMentees: number,
  freeMentees: Int32Array
): MentorWithRoom {
  const md = scorer.model;
  const base = { mentor: md.mentors[j]!.id, capacity: md.capacity[j]!, used };
  if (eligibleMentees > 0) return { ...base, reason: 'eligible-mentees-all-matched', eligibleMentees };
  const masks: number[] = [];
  for (const i of freeMentees) masks.push(scorer.failedRules(i, j));
  return { ...base, reason: 'no-eligible-mentee', excludedBy: countExclusions(masks) };
}
