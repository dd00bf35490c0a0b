import { RULE, type Model, type TagSets } from './model.ts';
import { overlapMinutes, WEEK_MINUTES } from './time.ts';

/** The scored criteria, in the order of a breakdown array. */
export const CRITERIA = ['sectors', 'skills', 'goals', 'languages', 'timeZone', 'availability', 'preference'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Counts the set bits of a 32-bit integer. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function commonCount(set: TagSets, i: number, j: number): number {
  const w = set.words;
  const a = set.menteeBits;
  const b = set.mentorBits;
  let c = 0;
  for (let k = 0; k < w; k++) c += popcount32(a[i * w + k]! & b[j * w + k]!);
  return c;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Bit planes of the bit-sliced overlap counts: mentees with more availability slots than 2^PLANES − 1 use the prefix sums. */
const PLANES = 8;
/** Above this many words of per-slot mentor bitsets, overlaps are computed pair by pair from the prefix sums. */
const SLOT_BITS_LIMIT = 8_000_000;
/** Above this many prefix-sum entries, overlaps fall back to merging interval lists pair by pair. */
const PREFIX_LIMIT = 32_000_000;

/**
 * Scores pairs with integer points: each criterion gives `round(weight × similarity)` points, the score is their
 * sum, so a breakdown always adds up exactly. Also decides eligibility against the hard rules. The hot loop is
 * {@link Scorer.scoreRow}, which scores one mentee against every mentor with bit operations and lookups only.
 */
export class Scorer {
  readonly model: Model;
  readonly maxScore: number;
  /** Mentors that may take another mentee in this run (capacity left after locks); others are skipped in rows. */
  readonly mentorActive: Uint8Array;
  private readonly stamp: Int32Array;
  private readonly rankAt: Int32Array;
  private readonly needOverlap: boolean;
  private readonly granularity: number;
  private readonly prefix: Uint16Array | null;
  private readonly slots: number;
  /** Words of a bitset over mentors. */
  private readonly mentorWords: number;
  /** Distinct mentor UTC offsets, and per offset the bitset of active mentors with it. */
  private readonly zoneOffsets: Int32Array;
  private readonly zoneMentors: Uint32Array;
  /** Per language (vocabulary index), the bitset of active mentors speaking it. */
  private readonly languageMentors: Uint32Array;
  /** Bitset of the active mentors. */
  private readonly activeMentors: Uint32Array;
  /**
   * Per grid slot of the week, the bitset of active mentors available then (when the prefix sums exist): a mentee's
   * overlap with every mentor at once is a bit-sliced sum of the rows of its own slots.
   */
  private readonly slotMentors: Uint32Array | null;
  /** Scratch bit planes of that sum (plane b holds bit b of each mentor's count). */
  private readonly planes: Uint32Array;
  /** Mentee availability intervals in grid units (`menteeAvail / granularity`), when the prefix sums exist. */
  private readonly menteeAvailSlots: Int32Array | null;
  /** Scratch for {@link scoreRow}: candidate mask and per-mentee point tables. */
  private readonly mask: Uint32Array;
  private readonly stampWords: Uint32Array;
  /** Time-zone points by gap in minutes (0–720). */
  private readonly tzPoints: Int32Array;
  private readonly sectorPoints: Int32Array;
  private readonly skillPoints: Int32Array;
  private readonly goalPoints: Int32Array;

  constructor(model: Model, mentorActive?: Uint8Array) {
    this.model = model;
    const w = model.weights;
    this.maxScore = w.sectors + w.skills + w.goals + w.languages + w.timeZone + w.availability + w.preference;
    const m = model.mentors.length;
    this.mentorActive = mentorActive ?? Uint8Array.from(model.capacity, (c) => (c > 0 ? 1 : 0));
    this.stamp = new Int32Array(m);
    this.rankAt = new Int32Array(m);
    this.needOverlap = model.rules.minOverlapMinutes > 0 || w.availability > 0;
    // Prefix sums of each mentor's availability on the coarsest grid that represents every block exactly turn an
    // overlap into two lookups per mentee interval.
    let g = WEEK_MINUTES;
    for (const x of model.menteeAvail) g = gcd(g, x);
    for (const x of model.mentorAvail) g = gcd(g, x);
    this.granularity = g;
    this.slots = WEEK_MINUTES / g;
    this.prefix = null;
    if (this.needOverlap && m * (this.slots + 1) <= PREFIX_LIMIT) {
      const s = this.slots + 1;
      const prefix = new Uint16Array(m * s);
      for (let j = 0; j < m; j++) {
        const row = new Uint16Array(s);
        for (let k = model.mentorAvailStart[j]!; k < model.mentorAvailStart[j + 1]!; k += 2) {
          for (let t = model.mentorAvail[k]! / g; t < model.mentorAvail[k + 1]! / g; t++) row[t + 1] = 1;
        }
        for (let t = 1; t < s; t++) row[t]! += row[t - 1]!;
        prefix.set(row, j * s);
      }
      this.prefix = prefix;
    }
    this.menteeAvailSlots = this.prefix === null ? null : Int32Array.from(model.menteeAvail, (x) => x / g);
    const words = (this.mentorWords = Math.max(1, Math.ceil(m / 32)));
    this.mask = new Uint32Array(words);
    this.stampWords = new Uint32Array(words);
    const active = (this.activeMentors = new Uint32Array(words));
    for (let j = 0; j < m; j++) if (this.mentorActive[j] !== 0) active[j >>> 5]! |= 1 << (j & 31);
    const offsets = [...new Set(model.mentorOffset)].sort((x, y) => x - y);
    this.zoneOffsets = Int32Array.from(offsets);
    this.zoneMentors = new Uint32Array(offsets.length * words);
    const zoneOf = new Map(offsets.map((o, z) => [o, z]));
    for (let j = 0; j < m; j++) if (this.mentorActive[j] !== 0) this.zoneMentors[zoneOf.get(model.mentorOffset[j]!)! * words + (j >>> 5)]! |= 1 << (j & 31);
    const langs = model.languages;
    this.languageMentors = new Uint32Array(langs.vocabulary.length * words);
    for (let j = 0; j < m; j++) {
      if (this.mentorActive[j] === 0) continue;
      for (let t = 0; t < langs.vocabulary.length; t++) {
        if ((langs.mentorBits[j * langs.words + (t >>> 5)]! >>> (t & 31)) & 1) this.languageMentors[t * words + (j >>> 5)]! |= 1 << (j & 31);
      }
    }
    this.tzPoints = Int32Array.from({ length: 721 }, (_, gap) => Math.round((w.timeZone * (720 - gap)) / 720));
    this.planes = new Uint32Array(PLANES * words);
    this.slotMentors = null;
    if (this.prefix !== null && this.slots * words <= SLOT_BITS_LIMIT) {
      const slotMentors = new Uint32Array(this.slots * words);
      for (let j = 0; j < m; j++) {
        if (this.mentorActive[j] === 0) continue;
        for (let k = model.mentorAvailStart[j]!; k < model.mentorAvailStart[j + 1]!; k += 2) {
          for (let t = model.mentorAvail[k]! / g; t < model.mentorAvail[k + 1]! / g; t++) slotMentors[t * words + (j >>> 5)]! |= 1 << (j & 31);
        }
      }
      this.slotMentors = slotMentors;
    }
    this.sectorPoints = new Int32Array(model.sectors.vocabulary.length + 1);
    this.skillPoints = new Int32Array(model.skills.vocabulary.length + 1);
    this.goalPoints = new Int32Array(model.goals.vocabulary.length + 1);
  }

  /** Weekly minutes of availability mentee `i` and mentor `j` share. */
  overlap(i: number, j: number): number {
    const md = this.model;
    const from = md.menteeAvailStart[i]!;
    const to = md.menteeAvailStart[i + 1]!;
    const prefix = this.prefix;
    if (prefix === null) {
      return overlapMinutes(md.menteeAvail, from, to, md.mentorAvail, md.mentorAvailStart[j]!, md.mentorAvailStart[j + 1]!);
    }
    const g = this.granularity;
    const base = j * (this.slots + 1);
    let slots = 0;
    for (let k = from; k < to; k += 2) slots += prefix[base + md.menteeAvail[k + 1]! / g]! - prefix[base + md.menteeAvail[k]! / g]!;
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
    for (let k = md.rankingStart[i]!; k < md.rankingStart[i + 1]!; k++) if (md.rankingMentor[k] === j) return k - md.rankingStart[i]!;
    return -1;
  }

  /** Every hard rule (and coordinator exclusion) the pair breaks, as a bitmask of {@link RULE}; 0 means eligible. */
  failedRules(i: number, j: number): number {
    const md = this.model;
    const rules = md.rules;
    let failed = 0;
    if (md.capacity[j]! === 0) failed |= RULE.mentorHasCapacity;
    if (rules.sharedLanguage && commonCount(md.languages, i, j) === 0) failed |= RULE.sharedLanguage;
    if (rules.maxTimeZoneGapHours !== null && this.timeZoneGap(i, j) > rules.maxTimeZoneGapHours * 60) failed |= RULE.maxTimeZoneGap;
    if (rules.minOverlapMinutes > 0 && this.overlap(i, j) < rules.minOverlapMinutes) failed |= RULE.minOverlap;
    if (rules.differentOrganisation && md.menteeOrg[i]! >= 0 && md.menteeOrg[i] === md.mentorOrg[j]) failed |= RULE.differentOrganisation;
    for (let k = md.exclusionStart[i]!; k < md.exclusionStart[i + 1]!; k++) if (md.exclusionMentor[k] === j) failed |= md.exclusionKind[k]!;
    return failed;
  }

  /**
   * The score of a pair, and if `breakdown` is given, its points per criterion in {@link CRITERIA} order.
   * Eligibility is not checked here.
   */
  pairScore(i: number, j: number, breakdown?: Int32Array): number {
    return this.points(i, j, this.timeZoneGap(i, j), this.needOverlap ? this.overlap(i, j) : 0, this.rankOf(i, j), breakdown);
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
   * Scores mentee `i` against every active mentor, writing the eligible ones (in mentor order) and their scores.
   * Mentors are first narrowed with bitsets — those in a time zone within the gap rule and, with the shared-language
   * rule, speaking one of the mentee's languages — so only compatible pairs are looked at one by one; the points of
   * the coverage criteria come from small per-mentee tables. Gives exactly the result of {@link scoreRowSimple}.
   * @returns how many eligible mentors were written.
   */
  scoreRow(i: number, outMentor: Int32Array, outScore: Int32Array): number {
    const md = this.model;
    const rules = md.rules;
    const w = md.weights;
    const words = this.mentorWords;
    const mask = this.mask;
    // Candidate mask: active mentors in an allowed time zone (and sharing a language, when that is a rule).
    mask.fill(0);
    const maxGap = rules.maxTimeZoneGapHours === null ? 720 : rules.maxTimeZoneGapHours * 60;
    const zones = this.zoneOffsets;
    const mo = md.menteeOffset[i]!;
    for (let z = 0; z < zones.length; z++) {
      let d = Math.abs(mo - zones[z]!) % 1440;
      if (d > 720) d = 1440 - d;
      if (d > maxGap) continue;
      const base = z * words;
      for (let x = 0; x < words; x++) mask[x]! |= this.zoneMentors[base + x]!;
    }
    if (rules.sharedLanguage) {
      const langs = md.languages;
      const lang = this.languageMentors;
      const spoken = this.stampWords;
      spoken.fill(0);
      for (let t = 0; t < langs.vocabulary.length; t++) {
        if (((langs.menteeBits[i * langs.words + (t >>> 5)]! >>> (t & 31)) & 1) === 0) continue;
        const base = t * words;
        for (let x = 0; x < words; x++) spoken[x]! |= lang[base + x]!;
      }
      for (let x = 0; x < words; x++) mask[x]! &= spoken[x]!;
    }
    // Overlap with every mentor at once: add up the mentor bitsets of the mentee's slots in bit planes (a ripple-carry
    // counter per mentor), then keep only the mentors whose count reaches the minimum overlap.
    let planeCount = 0;
    const planes = this.planes;
    if (this.needOverlap && this.slotMentors !== null) {
      const slotMentors = this.slotMentors;
      const avail = this.menteeAvailSlots!;
      let total = 0;
      for (let k = md.menteeAvailStart[i]!; k < md.menteeAvailStart[i + 1]!; k += 2) total += avail[k + 1]! - avail[k]!;
      if (total < 1 << PLANES) {
        planeCount = Math.max(1, 32 - Math.clz32(total));
        planes.fill(0, 0, planeCount * words);
        for (let k = md.menteeAvailStart[i]!; k < md.menteeAvailStart[i + 1]!; k += 2) {
          for (let t = avail[k]!; t < avail[k + 1]!; t++) {
            const row = t * words;
            for (let x = 0; x < words; x++) {
              let carry = slotMentors[row + x]! & mask[x]!;
              for (let b = 0; carry !== 0; b++) {
                const at = b * words + x;
                const sum = planes[at]!;
                planes[at] = sum ^ carry;
                carry &= sum;
              }
            }
          }
        }
        // count ≥ need, compared plane by plane from the top: `gt` = already greater, `eq` = equal so far.
        const need = Math.ceil(rules.minOverlapMinutes / this.granularity);
        if (need > 0) {
          for (let x = 0; x < words; x++) {
            if (need >= 1 << planeCount) {
              mask[x] = 0;
              continue;
            }
            let gt = 0;
            let eq = -1;
            for (let b = planeCount - 1; b >= 0; b--) {
              const plane = planes[b * words + x]!;
              if ((need >>> b) & 1) eq &= plane;
              else {
                gt |= eq & plane;
                eq &= ~plane;
              }
            }
            mask[x]! &= gt | eq;
          }
        }
      }
    }
    const tag = i + 1;
    const stamp = this.stamp;
    for (let k = md.exclusionStart[i]!; k < md.exclusionStart[i + 1]!; k++) stamp[md.exclusionMentor[k]!] = tag;
    const rankAt = this.rankAt;
    const r0 = md.rankingStart[i]!;
    const r1 = md.rankingStart[i + 1]!;
    for (let k = r0; k < r1; k++) rankAt[md.rankingMentor[k]!] = ((k - r0) << 20) | tag;
    const rankLen = r1 - r0;
    const minOverlap = rules.minOverlapMinutes;
    const org = rules.differentOrganisation ? md.menteeOrg[i]! : -1;
    const mentorOrg = md.mentorOrg;
    const needOverlap = this.needOverlap;
    const prefix = this.prefix;
    const slotsPlus = this.slots + 1;
    const g = this.granularity;
    const availSlots = this.menteeAvailSlots;
    const a0 = md.menteeAvailStart[i]!;
    const a1 = md.menteeAvailStart[i + 1]!;
    const target = md.availabilityTarget;
    // Points per number of shared items, for this mentee's set sizes.
    const S = md.sectors;
    const K = md.skills;
    const G = md.goals;
    const L = md.languages;
    const cs = S.menteeCount[i]!;
    const ck = K.menteeCount[i]!;
    const cg = G.menteeCount[i]!;
    const sectorPoints = this.sectorPoints;
    const skillPoints = this.skillPoints;
    const goalPoints = this.goalPoints;
    for (let c = 0; c <= S.vocabulary.length; c++) sectorPoints[c] = cs === 0 || w.sectors === 0 ? 0 : Math.round((w.sectors * c) / cs);
    for (let c = 0; c <= K.vocabulary.length; c++) skillPoints[c] = ck === 0 || w.skills === 0 ? 0 : Math.round((w.skills * c) / ck);
    for (let c = 0; c <= G.vocabulary.length; c++) goalPoints[c] = cg === 0 || w.goals === 0 ? 0 : Math.round((w.goals * c) / cg);
    const sw = S.words;
    const kw = K.words;
    const gw = G.words;
    const lw = L.words;
    const wAvailability = w.availability;
    const wPreference = w.preference;
    const wLanguages = w.languages;
    const menteeOffset = mo;
    const oneWord = sw === 1 && (kw === 1 || kw === 2) && gw === 1 && lw === 1;
    const sBits = S.mentorBits;
    const kBits = K.mentorBits;
    const gBits = G.mentorBits;
    const lBits = L.mentorBits;
    const s0 = S.menteeBits[i * sw]!;
    const k0 = K.menteeBits[i * kw]!;
    const k1 = kw === 2 ? K.menteeBits[i * kw + 1]! : 0;
    const g0 = G.menteeBits[i * gw]!;
    const l0 = L.menteeBits[i * lw]!;
    const tzPoints = this.tzPoints;
    const mentorOffset = md.mentorOffset;
    let count = 0;
    for (let x = 0; x < words; x++) {
      let bits = mask[x]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const j = (x << 5) + 31 - Math.clz32(low);
        if (stamp[j] === tag) continue;
        if (org >= 0 && mentorOrg[j] === org) continue;
        let overlap = 0;
        if (planeCount > 0) {
          // Eligible on overlap already (mask); read this mentor's count from the planes.
          const bit = j & 31;
          let count = 0;
          for (let b = 0; b < planeCount; b++) count |= ((planes[b * words + x]! >>> bit) & 1) << b;
          overlap = count * g;
        } else if (needOverlap) {
          if (prefix !== null) {
            const base = j * slotsPlus;
            let slots = 0;
            for (let k = a0; k < a1; k += 2) slots += prefix[base + availSlots![k + 1]!]! - prefix[base + availSlots![k]!]!;
            overlap = slots * g;
          } else overlap = this.overlap(i, j);
          if (overlap < minOverlap) continue;
        }
        let gap = Math.abs(menteeOffset - mentorOffset[j]!) % 1440;
        if (gap > 720) gap = 1440 - gap;
        let points: number;
        if (oneWord) {
          // The usual vocabularies (≤ 32 sectors, goals and languages, ≤ 64 skills): no inner loops.
          points =
            sectorPoints[popcount32(s0 & sBits[j]!)]! +
            skillPoints[popcount32(k0 & kBits[j * kw]!) + (kw === 2 ? popcount32(k1 & kBits[j * 2 + 1]!) : 0)]! +
            goalPoints[popcount32(g0 & gBits[j]!)]! +
            ((l0 & lBits[j]!) !== 0 ? wLanguages : 0);
        } else {
          let c = 0;
          for (let y = 0; y < sw; y++) c += popcount32(S.menteeBits[i * sw + y]! & S.mentorBits[j * sw + y]!);
          points = sectorPoints[c]!;
          c = 0;
          for (let y = 0; y < kw; y++) c += popcount32(K.menteeBits[i * kw + y]! & K.mentorBits[j * kw + y]!);
          points += skillPoints[c]!;
          c = 0;
          for (let y = 0; y < gw; y++) c += popcount32(G.menteeBits[i * gw + y]! & G.mentorBits[j * gw + y]!);
          points += goalPoints[c]!;
          if (wLanguages !== 0) {
            let shared = 0;
            for (let y = 0; y < lw; y++) shared |= L.menteeBits[i * lw + y]! & L.mentorBits[j * lw + y]!;
            if (shared !== 0) points += wLanguages;
          }
        }
        points += tzPoints[gap]!;
        points += overlap < target ? Math.round((wAvailability * overlap) / target) : wAvailability;
        const ra = rankAt[j]!;
        if ((ra & 0xfffff) === tag) points += Math.round((wPreference * (rankLen - (ra >>> 20))) / rankLen);
        outMentor[count] = j;
        outScore[count] = points;
        count++;
      }
    }
    for (let k = r0; k < r1; k++) rankAt[md.rankingMentor[k]!] = 0;
    return count;
  }

  /**
   * The plain version of {@link scoreRow} (every mentor, one pair at a time), kept as its reference in tests.
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
