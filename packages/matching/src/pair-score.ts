import { RULE, type Model, type TagSets } from './model.ts';
import { popcount32 } from './bit-slice.ts';
import { overlapMinutes, WEEK_MINUTES } from './time.ts';

export { popcount32 };

/** The scored criteria, in the order of a breakdown array. */
export const CRITERIA = ['sectors', 'skills', 'goals', 'languages', 'timeZone', 'availability', 'preference'] as const;
export type Criterion = (typeof CRITERIA)[number];

function commonCount(set: TagSets, i: number, j: number): number {
  const w = set.words;
  const a = set.menteeBits;
  const b = set.mentorBits;
  let c = 0;
  for (let k = 0; k < w; k++) c += popcount32(a[i * w + k]! & b[j * w + k]!);
  return c;
}

/** The circular gap between two UTC offsets in minutes (0–720). */
export function offsetGap(a: number, b: number): number {
  const d = Math.abs(a - b) % 1440;
  return d > 720 ? 1440 - d : d;
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/**
 * The scoring formula one pair at a time: each criterion gives `round(weight × similarity)` integer points, the score
 * is their sum (so a breakdown always adds up exactly), and the hard rules decide eligibility. Explanations use it,
 * and it is the reference {@link Scorer}'s row scoring is tested against ({@link scoreRowSimple}). The grid of the
 * week on which availability is counted is fixed here, because both ways of scoring share it.
 */
export class PairScorer {
  readonly model: Model;
  /** The highest score a pair can have: the weights summed. */
  readonly maxScore: number;
  /** Mentors that may take another mentee in this run (capacity left after locks); others are skipped in rows. */
  readonly mentorActive: Uint8Array;
  private readonly stamp: Int32Array;
  private readonly rankAt: Int32Array;
  /** Whether overlaps matter at all (a minimum overlap rule or availability points). */
  protected readonly needOverlap: boolean;
  /** Minutes per slot of the coarsest grid of the week that represents every availability block exactly. */
  protected readonly granularity: number;
  /** Slots of that grid in a week. */
  protected readonly slots: number;
  /** Whether the prefix sums fit under the limit; they are built on first use (see {@link prefix}). */
  protected readonly prefixFits: boolean;
  private prefixSums: Uint16Array | null = null;

  /**
   * @param mentorActive which mentors may take another mentee (default: those with capacity).
   * @param prefixLimit most prefix-sum entries; above, overlaps are merged from interval lists pair by pair.
   */
  constructor(model: Model, mentorActive: Uint8Array | undefined, prefixLimit: number) {
    this.model = model;
    const w = model.weights;
    this.maxScore = w.sectors + w.skills + w.goals + w.languages + w.timeZone + w.availability + w.preference;
    const m = model.mentors.length;
    this.mentorActive = mentorActive ?? Uint8Array.from(model.capacity, (c) => (c > 0 ? 1 : 0));
    this.stamp = new Int32Array(m);
    this.rankAt = new Int32Array(m);
    this.needOverlap = model.rules.minOverlapMinutes > 0 || w.availability > 0;
    let g = WEEK_MINUTES;
    for (let k = 0; k < model.menteeAvail.length && g > 1; k++) g = gcd(g, model.menteeAvail[k]!);
    for (let k = 0; k < model.mentorAvail.length && g > 1; k++) g = gcd(g, model.mentorAvail[k]!);
    this.granularity = g;
    this.slots = WEEK_MINUTES / g;
    this.prefixFits = this.needOverlap && m * (this.slots + 1) <= prefixLimit;
  }

  /**
   * Prefix sums of each mentor's availability on the grid (null above the limit), built on first use:
   * {@link Scorer.scoreRow} needs them only for mentees with too many slots for the bit planes, and {@link overlap} for
   * explanations.
   */
  protected get prefix(): Uint16Array | null {
    if (this.prefixSums !== null || !this.prefixFits) return this.prefixSums;
    const md = this.model;
    const g = this.granularity;
    const s = this.slots + 1;
    const prefix = new Uint16Array(md.mentors.length * s);
    for (let j = 0; j < md.mentors.length; j++) {
      const row = j * s;
      for (let k = md.mentorAvailStart[j]!; k < md.mentorAvailStart[j + 1]!; k += 2) {
        for (let t = md.mentorAvail[k]! / g; t < md.mentorAvail[k + 1]! / g; t++) prefix[row + t + 1] = 1;
      }
      for (let t = row + 1; t < row + s; t++) prefix[t]! += prefix[t - 1]!;
    }
    return (this.prefixSums = prefix);
  }

  /** Availability points of a weekly overlap in minutes (the formula of {@link points}). */
  protected availabilityPointsOf(overlap: number): number {
    const target = this.model.availabilityTarget;
    return Math.round((this.model.weights.availability * (overlap < target ? overlap : target)) / target);
  }

  /** Weekly minutes of availability mentee `i` and mentor `j` share. */
  overlap(i: number, j: number): number {
    const md = this.model;
    const from = md.menteeAvailStart[i]!;
    const to = md.menteeAvailStart[i + 1]!;
    const prefix = this.prefix;
    if (prefix === null) {
      return overlapMinutes(
        md.menteeAvail,
        from,
        to,
        md.mentorAvail,
        md.mentorAvailStart[j]!,
        md.mentorAvailStart[j + 1]!
      );
    }
    const g = this.granularity;
    const base = j * (this.slots + 1);
    let slots = 0;
    for (let k = from; k < to; k += 2)
      slots += prefix[base + md.menteeAvail[k + 1]! / g]! - prefix[base + md.menteeAvail[k]! / g]!;
    return slots * g;
  }

  /** The circular gap between two UTC offsets in minutes (0–720). */
  timeZoneGap(i: number, j: number): number {
    let d = Math.abs(this.model.menteeOffset[i]! - this.model.mentorOffset[j]!) % 1440;
    if (d > 720) d = 1440 - d;
    return d;
  }

  /** 0-based position of mentor `j` in mentee `i`'s ranking, or -1. */
  rankOf(i: number, j: number): number {
    const md = this.model;
    for (let k = md.rankingStart[i]!; k < md.rankingStart[i + 1]!; k++)
      if (md.rankingMentor[k] === j) return k - md.rankingStart[i]!;
    return -1;
  }

  /** Every hard rule (and coordinator exclusion) the pair breaks, as a bitmask of {@link RULE}; 0 means eligible. */
  failedRules(i: number, j: number): number {
    const md = this.model;
    const rules = md.rules;
    let failed = 0;
    if (md.capacity[j]! === 0) failed |= RULE.mentorHasCapacity;
    if (rules.sharedLanguage && commonCount(md.languages, i, j) === 0) failed |= RULE.sharedLanguage;
    if (rules.maxTimeZoneGapHours !== null && this.timeZoneGap(i, j) > rules.maxTimeZoneGapHours * 60)
      failed |= RULE.maxTimeZoneGap;
    if (rules.minOverlapMinutes > 0 && this.overlap(i, j) < rules.minOverlapMinutes) failed |= RULE.minOverlap;
    if (rules.differentOrganisation && md.menteeOrg[i]! >= 0 && md.menteeOrg[i] === md.mentorOrg[j])
      failed |= RULE.differentOrganisation;
    for (let k = md.exclusionStart[i]!; k < md.exclusionStart[i + 1]!; k++)
      if (md.exclusionMentor[k] === j) failed |= md.exclusionKind[k]!;
    return failed;
  }

  /**
   * The score of a pair, and if `breakdown` is given, its points per criterion in {@link CRITERIA} order.
   * Eligibility is not checked here.
   */
  pairScore(i: number, j: number, breakdown?: Int32Array): number {
    return this.points(
      i,
      j,
      this.timeZoneGap(i, j),
      this.needOverlap ? this.overlap(i, j) : 0,
      this.rankOf(i, j),
      breakdown
    );
  }

  private points(i: number, j: number, gap: number, overlap: number, rank: number, breakdown?: Int32Array): number {
    const md = this.model;
    const w = md.weights;
    const cs = md.sectors.menteeCount[i]!;
    const ck = md.skills.menteeCount[i]!;
    const cg = md.goals.menteeCount[i]!;
    const sectors = cs === 0 || w.sectors === 0 ? 0 : Math.round((w.sectors * commonCount(md.sectors, i, j)) / cs);
    const skills = ck === 0 || w.skills === 0 ? 0 : Math.round((w.skills * commonCount(md.skills, i, j)) / ck);
    const goals = cg === 0 || w.goals === 0 ? 0 : Math.round((w.goals * commonCount(md.goals, i, j)) / cg);
    const languages = w.languages === 0 || commonCount(md.languages, i, j) === 0 ? 0 : w.languages;
    const timeZone = Math.round((w.timeZone * (720 - gap)) / 720);
    const target = md.availabilityTarget;
    const availability = Math.round((w.availability * (overlap < target ? overlap : target)) / target);
    let preference = 0;
    if (rank >= 0) {
      const len = md.rankingStart[i + 1]! - md.rankingStart[i]!;
      preference = Math.round((w.preference * (len - rank)) / len);
    }
    if (breakdown) {
      breakdown[0] = sectors;
      breakdown[1] = skills;
      breakdown[2] = goals;
      breakdown[3] = languages;
      breakdown[4] = timeZone;
      breakdown[5] = availability;
      breakdown[6] = preference;
    }
    return sectors + skills + goals + languages + timeZone + availability + preference;
  }

  /**
   * The plain version of {@link Scorer.scoreRow} (every mentor, one pair at a time), kept as its reference in tests.
   * @returns how many eligible mentors were written.
   */
  scoreRowSimple(i: number, outMentor: Int32Array, outScore: Int32Array): number {
    const md = this.model;
    const rules = md.rules;
    const m = md.mentors.length;
    const tag = i + 1;
    const stamp = this.stamp;
    for (let k = md.exclusionStart[i]!; k < md.exclusionStart[i + 1]!; k++) stamp[md.exclusionMentor[k]!] = tag;
    // Ranked mentors are marked with -(tag) so one lookup answers both "excluded?" and "ranked where?".
    const rankAt = this.rankAt;
    const r0 = md.rankingStart[i]!;
    for (let k = r0; k < md.rankingStart[i + 1]!; k++) rankAt[md.rankingMentor[k]!] = ((k - r0) << 20) | tag;
    const active = this.mentorActive;
    const checkLanguage = rules.sharedLanguage;
    const maxGap = rules.maxTimeZoneGapHours === null ? 720 : rules.maxTimeZoneGapHours * 60;
    const minOverlap = rules.minOverlapMinutes;
    const org = rules.differentOrganisation ? md.menteeOrg[i]! : -1;
    const mentorOrg = md.mentorOrg;
    const needOverlap = this.needOverlap;
    const langs = md.languages;
    let count = 0;
    for (let j = 0; j < m; j++) {
      if (active[j] === 0 || stamp[j] === tag) continue;
      if (checkLanguage && commonCount(langs, i, j) === 0) continue;
      if (org >= 0 && mentorOrg[j] === org) continue;
      const gap = this.timeZoneGap(i, j);
      if (gap > maxGap) continue;
      const overlap = needOverlap ? this.overlap(i, j) : 0;
      if (overlap < minOverlap) continue;
      const ra = rankAt[j]!;
      const rank = (ra & 0xfffff) === tag ? ra >>> 20 : -1;
      outMentor[count] = j;
      outScore[count] = this.points(i, j, gap, overlap, rank);
      count++;
    }
    // Stamps hold mentee tags, so they need no clearing, except rank marks that could alias a later tag's low bits.
    for (let k = r0; k < md.rankingStart[i + 1]!; k++) rankAt[md.rankingMentor[k]!] = 0;
    return count;
  }
}
