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

/** The circular gap between two UTC offsets in minutes (0–720). */
function offsetGap(a: number, b: number): number {
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

/** Bit planes of the bit-sliced overlap counts: mentees with more availability slots than 2^PLANES − 1 use the prefix sums. */
const PLANES = 8;
/** Most sector, skill and goal tags of one mentee whose shared subset is looked up whole; more are counted pair by pair. */
const COVER_TAGS = 8;

/**
 * Size limits of the Scorer's indexes: above one, it takes a slower path that needs no such index (the results are
 * the same). Tests pass smaller limits to exercise those paths.
 */
export interface ScorerLimits {
  /** Prefix-sum entries; above, overlaps are computed by merging interval lists pair by pair. */
  readonly prefix: number;
  /** Words of per-slot mentor bitsets; above, overlaps are computed pair by pair from the prefix sums. */
  readonly slotBits: number;
  /** Words of per-tag mentor bitsets; above, shared tags are counted pair by pair with popcounts. */
  readonly tagBits: number;
  /** Words of reachable-mentor bitsets per distinct mentee offset; above, zone bitsets are ORed per mentee. */
  readonly reachable: number;
  /** Entries of score buckets, (maxScore + 1) × mentors; above, rows cannot be bucketed ({@link Scorer.canBucket}). */
  readonly buckets: number;
}

/** The limits used unless a test passes others. */
export const SCORER_LIMITS: ScorerLimits = {
  prefix: 32_000_000,
  slotBits: 8_000_000,
  tagBits: 8_000_000,
  reachable: 4_000_000,
  buckets: 8_000_000
};

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
  /** Whether {@link scoreRowByScore} may be used: its buckets fit under the limit. */
  readonly canBucket: boolean;
  /** Whether the prefix sums fit under the limit; they are built on first use (see {@link prefix}). */
  private readonly prefixFits: boolean;
  private prefixSums: Uint16Array | null = null;
  private readonly slots: number;
  /** Words of a bitset over mentors. */
  private readonly mentorWords: number;
  /** Distinct mentor UTC offsets, and per offset the bitset of active mentors with it. */
  private readonly zoneOffsets: Int32Array;
  private readonly zoneMentors: Uint32Array;
  /** Per language (vocabulary index), the bitset of active mentors speaking it. */
  private readonly languageMentors: Uint32Array;
  /**
   * Per distinct mentee UTC offset (each mentee's at `menteeZone[i]`), the bitset of the active mentors in a time
   * zone within the gap rule; null above the limit.
   */
  private readonly reachableMentors: Uint32Array | null;
  private readonly menteeZone: Int32Array;
  /** Each mentor's index into {@link zoneOffsets}. */
  private readonly mentorZone: Int32Array;
  /** Mentors grouped by organisation (CSR over organisation ids), to drop a mentee's own organisation by bitset. */
  private readonly orgStart: Int32Array;
  private readonly orgMentors: Int32Array;
  /**
   * Per word of the mentor bitsets and grid slot of the week, which of those 32 active mentors are available then
   * (when the prefix sums fit), at `word × slots + slot`: a mentee's overlap with 32 mentors at once is a bit-sliced
   * sum of the entries of its own slots, which this word-major layout keeps contiguous.
   */
  private readonly slotMentors: Uint32Array | null;
  /** Availability points by number of shared grid slots (0 … slots). */
  private readonly availabilityPoints: Int32Array;
  /** Mentee availability intervals in grid units (`menteeAvail / granularity`), when the prefix sums fit. */
  private readonly menteeAvailSlots: Int32Array | null;
  /** Time-zone points by gap in minutes (0–720). */
  private readonly tzPoints: Int32Array;
  /**
   * Scratch of {@link scoreRow}, filled per mentee: row offsets of the allowed zones and of the mentee's languages;
   * points per mentor zone; the excluded mentors; the ranked mentors and their points; the bit planes of one word's
   * overlap counts; the mentee's availability slots; points per number of shared tags (for the popcount path).
   */
  private readonly zoneRows: Int32Array;
  private readonly zonePoints: Int32Array;
  private readonly langRows: Int32Array;
  private readonly blocked: Uint32Array;
  private readonly ranked: Uint32Array;
  private readonly preferencePoints: Int32Array;
  private readonly lanes: Uint32Array;
  private readonly slotAt: Int32Array;
  private readonly sectorPoints: Int32Array;
  private readonly skillPoints: Int32Array;
  private readonly goalPoints: Int32Array;
  /**
   * Per sector, skill and goal tag (the three vocabularies one after another, then an empty row), the bitset of the
   * mentors having it; null above the limit. With the scratch of {@link prepareCoverage}: the row offsets of the
   * mentee's tags (the empty row for unused places) and the points of every subset of them, from a table per count
   * of tags of each criterion.
   */
  private readonly tagMentors: Uint32Array | null;
  private readonly tagSets: readonly [TagSets, TagSets, TagSets];
  private readonly tagRow: Int32Array;
  private coverPoints: Int32Array;
  private readonly coverTables = new Map<number, Int32Array>();

  /**
   * @param mentorActive which mentors may take another mentee (default: those with capacity).
   * @param limits index size limits (tests pass small ones to force the paths without an index).
   */
  constructor(model: Model, mentorActive?: Uint8Array, limits: ScorerLimits = SCORER_LIMITS) {
    this.model = model;
    const w = model.weights;
    this.maxScore = w.sectors + w.skills + w.goals + w.languages + w.timeZone + w.availability + w.preference;
    const m = model.mentors.length;
    this.canBucket = (this.maxScore + 1) * m <= limits.buckets;
    this.mentorActive = mentorActive ?? Uint8Array.from(model.capacity, (c) => (c > 0 ? 1 : 0));
    this.stamp = new Int32Array(m);
    this.rankAt = new Int32Array(m);
    this.needOverlap = model.rules.minOverlapMinutes > 0 || w.availability > 0;
    // Availability is counted on the coarsest grid of the week that represents every block exactly.
    let g = WEEK_MINUTES;
    for (let k = 0; k < model.menteeAvail.length && g > 1; k++) g = gcd(g, model.menteeAvail[k]!);
    for (let k = 0; k < model.mentorAvail.length && g > 1; k++) g = gcd(g, model.mentorAvail[k]!);
    this.granularity = g;
    this.slots = WEEK_MINUTES / g;
    this.prefixFits = this.needOverlap && m * (this.slots + 1) <= limits.prefix;
    this.menteeAvailSlots = null;
    if (this.prefixFits) {
      const availSlots = new Int32Array(model.menteeAvail.length);
      for (let k = 0; k < availSlots.length; k++) availSlots[k] = model.menteeAvail[k]! / g;
      this.menteeAvailSlots = availSlots;
    }
    const words = (this.mentorWords = Math.max(1, Math.ceil(m / 32)));
    this.blocked = new Uint32Array(words);
    this.ranked = new Uint32Array(words);
    this.preferencePoints = new Int32Array(m);
    const offsets = [...new Set(model.mentorOffset)].sort((x, y) => x - y);
    this.zoneOffsets = Int32Array.from(offsets);
    this.zoneMentors = new Uint32Array(offsets.length * words);
    const zoneOf = new Map(offsets.map((o, z) => [o, z]));
    this.mentorZone = Int32Array.from(model.mentorOffset, (o) => zoneOf.get(o)!);
    for (let j = 0; j < m; j++)
      if (this.mentorActive[j] !== 0) this.zoneMentors[this.mentorZone[j]! * words + (j >>> 5)]! |= 1 << (j & 31);
    this.zoneRows = new Int32Array(offsets.length);
    this.zonePoints = new Int32Array(offsets.length);
    const menteeOffsets = [...new Set(model.menteeOffset)].sort((x, y) => x - y);
    const menteeZoneOf = new Map(menteeOffsets.map((o, z) => [o, z]));
    this.menteeZone = new Int32Array(model.menteeOffset.length);
    for (let i = 0; i < model.menteeOffset.length; i++) this.menteeZone[i] = menteeZoneOf.get(model.menteeOffset[i]!)!;
    this.reachableMentors = null;
    if (menteeOffsets.length * words <= limits.reachable) {
      const maxGap = model.rules.maxTimeZoneGapHours === null ? 720 : model.rules.maxTimeZoneGapHours * 60;
      const reachable = new Uint32Array(menteeOffsets.length * words);
      menteeOffsets.forEach((mo, e) => {
        for (let z = 0; z < offsets.length; z++) {
          if (offsetGap(mo, offsets[z]!) > maxGap) continue;
          for (let x = 0; x < words; x++) reachable[e * words + x]! |= this.zoneMentors[z * words + x]!;
        }
      });
      this.reachableMentors = reachable;
    }
    let orgs = 0;
    for (let j = 0; j < m; j++) if (model.mentorOrg[j]! >= orgs) orgs = model.mentorOrg[j]! + 1;
    this.orgStart = new Int32Array(orgs + 1);
    for (let j = 0; j < m; j++) if (model.mentorOrg[j]! >= 0) this.orgStart[model.mentorOrg[j]! + 1]!++;
    for (let o = 0; o < orgs; o++) this.orgStart[o + 1]! += this.orgStart[o]!;
    this.orgMentors = new Int32Array(this.orgStart[orgs]!);
    const orgFill = this.orgStart.slice(0, orgs);
    for (let j = 0; j < m; j++) if (model.mentorOrg[j]! >= 0) this.orgMentors[orgFill[model.mentorOrg[j]!]!++] = j;
    const langs = model.languages;
    this.languageMentors = new Uint32Array(langs.vocabulary.length * words);
    this.langRows = new Int32Array(langs.vocabulary.length);
    for (let j = 0; j < m; j++) {
      if (this.mentorActive[j] === 0) continue;
      for (let t = 0; t < langs.vocabulary.length; t++) {
        if ((langs.mentorBits[j * langs.words + (t >>> 5)]! >>> (t & 31)) & 1)
          this.languageMentors[t * words + (j >>> 5)]! |= 1 << (j & 31);
      }
    }
    this.tzPoints = Int32Array.from({ length: 721 }, (_, gap) => Math.round((w.timeZone * (720 - gap)) / 720));
    this.lanes = new Uint32Array(PLANES);
    this.slotAt = new Int32Array(1 << PLANES);
    this.availabilityPoints = Int32Array.from({ length: this.slots + 1 }, (_, slots) =>
      this.availabilityPointsOf(slots * g)
    );
    this.slotMentors = null;
    if (this.prefixFits && this.slots * words <= limits.slotBits) {
      const slotMentors = new Uint32Array(this.slots * words);
      for (let j = 0; j < m; j++) {
        if (this.mentorActive[j] === 0) continue;
        for (let k = model.mentorAvailStart[j]!; k < model.mentorAvailStart[j + 1]!; k += 2) {
          for (let t = model.mentorAvail[k]! / g; t < model.mentorAvail[k + 1]! / g; t++)
            slotMentors[(j >>> 5) * this.slots + t]! |= 1 << (j & 31);
        }
      }
      this.slotMentors = slotMentors;
    }
    const tagSets = (this.tagSets = [model.sectors, model.skills, model.goals]);
    const tagTotal = tagSets.reduce((sum, set) => sum + set.vocabulary.length, 0);
    this.tagMentors = null;
    if ((tagTotal + 1) * words <= limits.tagBits) {
      const tagMentors = new Uint32Array((tagTotal + 1) * words);
      let first = 0;
      for (const set of tagSets) {
        for (let j = 0; j < m; j++) {
          for (let y = 0; y < set.words; y++) {
            let bits = set.mentorBits[j * set.words + y]!;
            while (bits !== 0) {
              const low = bits & -bits;
              bits ^= low;
              tagMentors[(first + (y << 5) + 31 - Math.clz32(low)) * words + (j >>> 5)]! |= 1 << (j & 31);
            }
          }
        }
        first += set.vocabulary.length;
      }
      this.tagMentors = tagMentors;
    }
    this.tagRow = new Int32Array(COVER_TAGS);
    this.coverPoints = new Int32Array(1);
    this.sectorPoints = new Int32Array(model.sectors.vocabulary.length + 1);
    this.skillPoints = new Int32Array(model.skills.vocabulary.length + 1);
    this.goalPoints = new Int32Array(model.goals.vocabulary.length + 1);
  }

  /**
   * Prefix sums of each mentor's availability on the grid (null above the limit), built on first use:
   * {@link scoreRow} needs them only for mentees with too many slots for the bit planes, and {@link overlap} for
   * explanations.
   */
  private get prefix(): Uint16Array | null {
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
  private availabilityPointsOf(overlap: number): number {
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
   * Prepares the shared-tag points of mentee `i` for {@link scoreRow}: which of the mentee's sector, skill and goal
   * tags a mentor has is one subset of at most {@link COVER_TAGS} bits, read from the mentee's tag rows (filled into
   * {@link tagRow} here), and its points one lookup in {@link coverPoints}, a table that depends only on how many tags
   * of each criterion the mentee has (so it is built once per such triple).
   * @returns how many tags the mentee has, or -1 when they are too many (or there are no tag bitsets) and shared tags
   * must be counted pair by pair.
   */
  private prepareCoverage(i: number): number {
    if (this.tagMentors === null) return -1;
    const words = this.mentorWords;
    const sets = this.tagSets;
    let tags = 0;
    let first = 0;
    let key = 0;
    for (let c = 0; c < 3; c++) {
      const set = sets[c]!;
      const before = tags;
      for (let y = 0; y < set.words; y++) {
        let bits = set.menteeBits[i * set.words + y]!;
        while (bits !== 0) {
          if (tags === COVER_TAGS) return -1;
          const low = bits & -bits;
          bits ^= low;
          this.tagRow[tags++] = (first + (y << 5) + 31 - Math.clz32(low)) * words;
        }
      }
      key = key * (COVER_TAGS + 1) + tags - before;
      first += set.vocabulary.length;
    }
    for (let q = tags; q < COVER_TAGS; q++) this.tagRow[q] = first * words;
    this.coverPoints = this.coverTables.get(key) ?? this.coverTable(key);
    return tags;
  }

  /**
   * The points of every subset of a mentee's tags, for a mentee with `key` = (sectors × (COVER_TAGS + 1) + skills) ×
   * (COVER_TAGS + 1) + goals tags: subset bits are the sector tags first, then skills, then goals.
   */
  private coverTable(key: number): Int32Array {
    const w = this.model.weights;
    const cg = key % (COVER_TAGS + 1);
    const ck = Math.floor(key / (COVER_TAGS + 1)) % (COVER_TAGS + 1);
    const cs = Math.floor(key / (COVER_TAGS + 1) ** 2);
    // The formula of {@link points}; a mentee's tag count is its set size here (at most COVER_TAGS).
    const share = (weight: number, shared: number, of: number) =>
      of === 0 || weight === 0 ? 0 : Math.round((weight * shared) / of);
    const table = new Int32Array(1 << (cs + ck + cg));
    for (let subset = 0; subset < table.length; subset++) {
      table[subset] =
        share(w.sectors, popcount32(subset & ((1 << cs) - 1)), cs) +
        share(w.skills, popcount32((subset >>> cs) & ((1 << ck) - 1)), ck) +
        share(w.goals, popcount32(subset >>> (cs + ck)), cg);
    }
    this.coverTables.set(key, table);
    return table;
  }

  /**
   * Scores mentee `i` against every active mentor, writing the eligible ones (in mentor order) and their scores.
   * Gives exactly the result of {@link scoreRowSimple}, but works on 32 mentors at a time: for each word of the mentor
   * bitsets it takes the mentors in a time zone within the gap rule (and, with the shared-language rule, speaking one
   * of the mentee's languages), drops excluded and same-organisation mentors, adds up the mentee's availability slots
   * as a bit-sliced counter and keeps the mentors whose overlap reaches the minimum; only those survivors are scored
   * one by one, by table lookups: availability points per overlap, coverage points per subset of the mentee's tags
   * (see {@link prepareCoverage}), time-zone points per mentor zone.
   * @returns how many eligible mentors were written.
   */
  scoreRow(i: number, outMentor: Int32Array, outScore: Int32Array): number {
    return this.scoreMentee(i, outMentor, outScore, false);
  }

  /**
   * {@link scoreRow} with the eligible mentors bucketed by score instead of listed with their scores, so that they
   * can be read back best first (score descending, then mentor index) without sorting: mentor `j` with score `s` goes
   * to `byScore[s × mentors + counts[s]++]`. `counts` has {@link maxScore} + 1 entries, zeroed by the caller, and
   * `byScore` (maxScore + 1) × mentors; only when {@link canBucket}.
   * @returns how many eligible mentors were written, or -1 if a score exceeded {@link maxScore} (possible only with a
   * tag set of over 255 items; the buckets are then incomplete and {@link scoreRow} must be used).
   */
  scoreRowByScore(i: number, byScore: Int32Array, counts: Int32Array): number {
    return this.scoreMentee(i, byScore, counts, true);
  }

  /** {@link scoreRow} (`byScore` false) and {@link scoreRowByScore} (`byScore` true): one loop, two ways to write. */
  private scoreMentee(i: number, outMentor: Int32Array, outScore: Int32Array, byScore: boolean): number {
    const md = this.model;
    const rules = md.rules;
    const w = md.weights;
    const words = this.mentorWords;
    // Allowed time zones (as row offsets into zoneMentors) and time-zone points per mentor zone.
    const maxGap = rules.maxTimeZoneGapHours === null ? 720 : rules.maxTimeZoneGapHours * 60;
    const zones = this.zoneOffsets;
    const zoneRows = this.zoneRows;
    const zonePoints = this.zonePoints;
    const tzPoints = this.tzPoints;
    const mo = md.menteeOffset[i]!;
    let zoneCount = 0;
    for (let z = 0; z < zones.length; z++) {
      const d = offsetGap(mo, zones[z]!);
      zonePoints[z] = tzPoints[d]!;
      if (d <= maxGap) zoneRows[zoneCount++] = z * words;
    }
    const reachable = this.reachableMentors;
    const reachableRow = this.menteeZone[i]! * words;
    // The mentee's languages, as row offsets into languageMentors, when a shared language is required.
    const L = md.languages;
    const checkLanguage = rules.sharedLanguage;
    const wLanguages = w.languages;
    const langRows = this.langRows;
    let langCount = 0;
    if (checkLanguage || wLanguages !== 0) {
      for (let t = 0; t < L.vocabulary.length; t++) {
        if ((L.menteeBits[i * L.words + (t >>> 5)]! >>> (t & 31)) & 1) langRows[langCount++] = t * words;
      }
    }
    // Excluded and same-organisation mentors, as a bitset cleared again at the end.
    const blocked = this.blocked;
    const e0 = md.exclusionStart[i]!;
    const e1 = md.exclusionStart[i + 1]!;
    for (let k = e0; k < e1; k++) {
      const j = md.exclusionMentor[k]!;
      blocked[j >>> 5]! |= 1 << (j & 31);
    }
    const org = rules.differentOrganisation ? md.menteeOrg[i]! : -1;
    const o0 = org >= 0 && org < this.orgStart.length - 1 ? this.orgStart[org]! : 0;
    const o1 = org >= 0 && org < this.orgStart.length - 1 ? this.orgStart[org + 1]! : 0;
    const orgMentors = this.orgMentors;
    for (let k = o0; k < o1; k++) {
      const j = orgMentors[k]!;
      blocked[j >>> 5]! |= 1 << (j & 31);
    }
    // The ranked mentors as a bitset, and their preference points; both cleared again at the end.
    const ranked = this.ranked;
    const preference = this.preferencePoints;
    const r0 = md.rankingStart[i]!;
    const r1 = md.rankingStart[i + 1]!;
    for (let k = r0; k < r1; k++) {
      const j = md.rankingMentor[k]!;
      ranked[j >>> 5]! |= 1 << (j & 31);
      preference[j] = Math.round((w.preference * (r1 - k)) / (r1 - r0));
    }
    // With few enough availability slots, the overlap is counted in bit planes (see below).
    const minOverlap = rules.minOverlapMinutes;
    const needOverlap = this.needOverlap;
    const g = this.granularity;
    const a0 = md.menteeAvailStart[i]!;
    const a1 = md.menteeAvailStart[i + 1]!;
    const availSlots = this.menteeAvailSlots;
    const slotMentors = this.slotMentors;
    const slots = this.slots;
    const slotAt = this.slotAt;
    let planeCount = 0;
    let slotCount = 0;
    if (needOverlap && slotMentors !== null) {
      let total = 0;
      for (let k = a0; k < a1; k += 2) total += availSlots![k + 1]! - availSlots![k]!;
      if (total < 1 << PLANES) {
        planeCount = Math.max(1, 32 - Math.clz32(total));
        for (let k = a0; k < a1; k += 2)
          for (let t = availSlots![k]!; t < availSlots![k + 1]!; t++) slotAt[slotCount++] = t;
      }
    }
    const need = Math.ceil(minOverlap / g);
    const lanes = this.lanes;
    // Points of the shared sector, skill and goal tags: per subset of the mentee's tags, or else per shared count.
    const tagCount = this.prepareCoverage(i);
    const S = md.sectors;
    const K = md.skills;
    const G = md.goals;
    const sectorPoints = this.sectorPoints;
    const skillPoints = this.skillPoints;
    const goalPoints = this.goalPoints;
    if (tagCount < 0) {
      const cs = S.menteeCount[i]!;
      const ck = K.menteeCount[i]!;
      const cg = G.menteeCount[i]!;
      for (let c = 0; c <= S.vocabulary.length; c++)
        sectorPoints[c] = cs === 0 || w.sectors === 0 ? 0 : Math.round((w.sectors * c) / cs);
      for (let c = 0; c <= K.vocabulary.length; c++)
        skillPoints[c] = ck === 0 || w.skills === 0 ? 0 : Math.round((w.skills * c) / ck);
      for (let c = 0; c <= G.vocabulary.length; c++)
        goalPoints[c] = cg === 0 || w.goals === 0 ? 0 : Math.round((w.goals * c) / cg);
    }
    const sw = S.words;
    const kw = K.words;
    const gw = G.words;
    const oneWord = sw === 1 && (kw === 1 || kw === 2) && gw === 1;
    const sBits = S.mentorBits;
    const kBits = K.mentorBits;
    const gBits = G.mentorBits;
    const s0 = S.menteeBits[i * sw]!;
    const k0 = K.menteeBits[i * kw]!;
    const k1 = kw === 2 ? K.menteeBits[i * kw + 1]! : 0;
    const g0 = G.menteeBits[i * gw]!;
    const tagMentors = this.tagMentors;
    const coverPoints = this.coverPoints;
    const tagRow = this.tagRow;
    const t0 = tagRow[0]!;
    const t1 = tagRow[1]!;
    const t2 = tagRow[2]!;
    const t3 = tagRow[3]!;
    const t4 = tagRow[4]!;
    const t5 = tagRow[5]!;
    const t6 = tagRow[6]!;
    const t7 = tagRow[7]!;
    const availabilityPoints = this.availabilityPoints;
    const mentorZone = this.mentorZone;
    const zoneMentors = this.zoneMentors;
    const languageMentors = this.languageMentors;
    // The prefix sums only for the pair-by-pair overlap (built on first use).
    const prefix = planeCount === 0 && needOverlap ? this.prefix : null;
    const slotsPlus = slots + 1;
    const maxScore = this.maxScore;
    const mentorCount = md.mentors.length;
    let overflow = false;
    let count = 0;
    for (let x = 0; x < words; x++) {
      let bits = 0;
      if (reachable !== null) bits = reachable[reachableRow + x]!;
      else for (let q = 0; q < zoneCount; q++) bits |= zoneMentors[zoneRows[q]! + x]!;
      // Mentors sharing one of the mentee's languages (when that is a rule or earns points).
      let spoken = 0;
      for (let q = 0; q < langCount; q++) spoken |= languageMentors[langRows[q]! + x]!;
      if (checkLanguage) bits &= spoken;
      bits &= ~blocked[x]!;
      if (bits === 0) continue;
      // Bit planes of the overlap counts of these 32 mentors: bit b of mentor j's count is bit (j & 31) of pb.
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      let p4 = 0;
      let p5 = 0;
      let p6 = 0;
      let p7 = 0;
      if (planeCount > 0) {
        // Add up the mentee's slots for all 32 mentors at once. Counts stay below 2^planeCount ≤ 2^PLANES, for every
        // mentor of the word (those outside `bits` are counted too and ignored). Eight slots at a time go through a
        // tree of carry-save adders, as in Harley–Seal population counts: each full adder turns three bit vectors
        // into a sum and a carry vector with five operations and no branch; then four more the same way, and the last
        // ones by ripple-carry adds.
        const base = x * slots;
        let q = 0;
        for (; q + 8 <= slotCount; q += 8) {
          const r0 = slotMentors![base + slotAt[q]!]!;
          const r1 = slotMentors![base + slotAt[q + 1]!]!;
          const r2 = slotMentors![base + slotAt[q + 2]!]!;
          const r3 = slotMentors![base + slotAt[q + 3]!]!;
          const r4 = slotMentors![base + slotAt[q + 4]!]!;
          const r5 = slotMentors![base + slotAt[q + 5]!]!;
          const r6 = slotMentors![base + slotAt[q + 6]!]!;
          const r7 = slotMentors![base + slotAt[q + 7]!]!;
          let u = r0 ^ r1;
          const twosA = (r0 & r1) | (u & p0);
          p0 ^= u;
          u = r2 ^ r3;
          const twosB = (r2 & r3) | (u & p0);
          p0 ^= u;
          u = p1 ^ twosA;
          const foursA = (p1 & twosA) | (u & twosB);
          p1 = u ^ twosB;
          u = r4 ^ r5;
          const twosC = (r4 & r5) | (u & p0);
          p0 ^= u;
          u = r6 ^ r7;
          const twosD = (r6 & r7) | (u & p0);
          p0 ^= u;
          u = p1 ^ twosC;
          const foursB = (p1 & twosC) | (u & twosD);
          p1 = u ^ twosD;
          u = p2 ^ foursA;
          let carry = (p2 & foursA) | (u & foursB);
          p2 = u ^ foursB;
          let sum = p3;
          p3 = sum ^ carry;
          carry &= sum;
          sum = p4;
          p4 = sum ^ carry;
          carry &= sum;
          sum = p5;
          p5 = sum ^ carry;
          carry &= sum;
          sum = p6;
          p6 = sum ^ carry;
          p7 ^= carry & sum;
        }
        if (q + 4 <= slotCount) {
          const r0 = slotMentors![base + slotAt[q]!]!;
          const r1 = slotMentors![base + slotAt[q + 1]!]!;
          const r2 = slotMentors![base + slotAt[q + 2]!]!;
          const r3 = slotMentors![base + slotAt[q + 3]!]!;
          q += 4;
          let u = r0 ^ r1;
          const twosA = (r0 & r1) | (u & p0);
          p0 ^= u;
          u = r2 ^ r3;
          const twosB = (r2 & r3) | (u & p0);
          p0 ^= u;
          u = p1 ^ twosA;
          let carry = (p1 & twosA) | (u & twosB);
          p1 = u ^ twosB;
          let sum = p2;
          p2 = sum ^ carry;
          carry &= sum;
          sum = p3;
          p3 = sum ^ carry;
          carry &= sum;
          sum = p4;
          p4 = sum ^ carry;
          carry &= sum;
          sum = p5;
          p5 = sum ^ carry;
          carry &= sum;
          sum = p6;
          p6 = sum ^ carry;
          p7 ^= carry & sum;
        }
        for (; q < slotCount; q++) {
          // Branch-free through every plane: the last slots are few, and rarely-taken exits would meet optimised code
          // without type feedback.
          let carry = slotMentors![base + slotAt[q]!]!;
          let sum = p0;
          p0 = sum ^ carry;
          carry &= sum;
          sum = p1;
          p1 = sum ^ carry;
          carry &= sum;
          sum = p2;
          p2 = sum ^ carry;
          carry &= sum;
          sum = p3;
          p3 = sum ^ carry;
          carry &= sum;
          sum = p4;
          p4 = sum ^ carry;
          carry &= sum;
          sum = p5;
          p5 = sum ^ carry;
          carry &= sum;
          sum = p6;
          p6 = sum ^ carry;
          p7 ^= carry & sum;
        }
        if (need > 0) {
          if (need >= 1 << planeCount) continue;
          // count ≥ need, compared plane by plane from the top: `gt` = already greater, `eq` = equal so far.
          lanes[0] = p0;
          lanes[1] = p1;
          lanes[2] = p2;
          lanes[3] = p3;
          lanes[4] = p4;
          lanes[5] = p5;
          lanes[6] = p6;
          lanes[7] = p7;
          let gt = 0;
          let eq = -1;
          for (let b = planeCount - 1; b >= 0; b--) {
            const plane = lanes[b]!;
            if ((need >>> b) & 1) eq &= plane;
            else {
              gt |= eq & plane;
              eq &= ~plane;
            }
          }
          bits &= gt | eq;
        }
      }
      if (bits === 0) continue;
      // Which of the mentee's tags these 32 mentors have: bit q of a mentor's subset is its bit in mq.
      let m0 = 0;
      let m1 = 0;
      let m2 = 0;
      let m3 = 0;
      let m4 = 0;
      let m5 = 0;
      let m6 = 0;
      let m7 = 0;
      if (tagCount >= 0) {
        m0 = tagMentors![t0 + x]!;
        m1 = tagMentors![t1 + x]!;
        m2 = tagMentors![t2 + x]!;
        m3 = tagMentors![t3 + x]!;
        m4 = tagMentors![t4 + x]!;
        m5 = tagMentors![t5 + x]!;
        m6 = tagMentors![t6 + x]!;
        m7 = tagMentors![t7 + x]!;
      }
      const rankedWord = ranked[x]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const bit = 31 - Math.clz32(low);
        const j = (x << 5) + bit;
        let points: number;
        if (planeCount > 0) {
          let shared =
            ((p0 >>> bit) & 1) |
            (((p1 >>> bit) & 1) << 1) |
            (((p2 >>> bit) & 1) << 2) |
            (((p3 >>> bit) & 1) << 3) |
            (((p4 >>> bit) & 1) << 4);
          if (planeCount > 5)
            shared |= (((p5 >>> bit) & 1) << 5) | (((p6 >>> bit) & 1) << 6) | (((p7 >>> bit) & 1) << 7);
          points = availabilityPoints[shared]!;
        } else if (needOverlap) {
          if (prefix !== null) {
            const base = j * slotsPlus;
            let shared = 0;
            for (let k = a0; k < a1; k += 2)
              shared += prefix[base + availSlots![k + 1]!]! - prefix[base + availSlots![k]!]!;
            if (shared * g < minOverlap) continue;
            points = availabilityPoints[shared]!;
          } else {
            const overlap = this.overlap(i, j);
            if (overlap < minOverlap) continue;
            points = this.availabilityPointsOf(overlap);
          }
        } else points = 0;
        if (tagCount >= 0) {
          let subset =
            ((m0 >>> bit) & 1) | (((m1 >>> bit) & 1) << 1) | (((m2 >>> bit) & 1) << 2) | (((m3 >>> bit) & 1) << 3);
          if (tagCount > 4)
            subset |=
              (((m4 >>> bit) & 1) << 4) |
              (((m5 >>> bit) & 1) << 5) |
              (((m6 >>> bit) & 1) << 6) |
              (((m7 >>> bit) & 1) << 7);
          points += coverPoints[subset]!;
        } else if (oneWord) {
          // The usual vocabularies (≤ 32 sectors and goals, ≤ 64 skills): no inner loops.
          points +=
            sectorPoints[popcount32(s0 & sBits[j]!)]! +
            skillPoints[popcount32(k0 & kBits[j * kw]!) + (kw === 2 ? popcount32(k1 & kBits[j * 2 + 1]!) : 0)]! +
            goalPoints[popcount32(g0 & gBits[j]!)]!;
        } else {
          let c = 0;
          for (let y = 0; y < sw; y++) c += popcount32(S.menteeBits[i * sw + y]! & sBits[j * sw + y]!);
          points += sectorPoints[c]!;
          c = 0;
          for (let y = 0; y < kw; y++) c += popcount32(K.menteeBits[i * kw + y]! & kBits[j * kw + y]!);
          points += skillPoints[c]!;
          c = 0;
          for (let y = 0; y < gw; y++) c += popcount32(G.menteeBits[i * gw + y]! & gBits[j * gw + y]!);
          points += goalPoints[c]!;
        }
        let score = points + ((spoken >>> bit) & 1) * wLanguages + zonePoints[mentorZone[j]!]!;
        // Branch-free, so that the rare ranked mentor does not meet optimised code without type feedback.
        score += preference[j]! & -((rankedWord >>> bit) & 1);
        if (!byScore) {
          outMentor[count] = j;
          outScore[count] = score;
        } else if (score <= maxScore) outMentor[score * mentorCount + outScore[score]!++] = j;
        else overflow = true;
        count++;
      }
    }
    for (let k = e0; k < e1; k++) blocked[md.exclusionMentor[k]! >>> 5] = 0;
    for (let k = o0; k < o1; k++) blocked[orgMentors[k]! >>> 5] = 0;
    for (let k = r0; k < r1; k++) {
      ranked[md.rankingMentor[k]! >>> 5] = 0;
      preference[md.rankingMentor[k]!] = 0;
    }
    return overflow ? -1 : count;
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
