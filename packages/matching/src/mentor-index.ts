import type { Model, TagSets } from './model.ts';
import { offsetGap } from './pair-score.ts';

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
 * Bitsets over the mentors that let {@link Scorer.scoreRow} decide 32 mentors at a time (bit `j & 31` of word
 * `j >>> 5` is mentor `j`; only active mentors are set). Each is null when over its limit, and the scorer then takes
 * the path that needs no such index.
 */
export interface MentorIndex {
  /** Words of a bitset over mentors. */
  readonly words: number;
  /** Distinct mentor UTC offsets, and per offset the bitset of active mentors with it. */
  readonly zoneOffsets: Int32Array;
  readonly zoneMentors: Uint32Array;
  /** Each mentor's index into {@link zoneOffsets}. */
  readonly mentorZone: Int32Array;
  /** Each mentee's index into its distinct offsets, the rows of {@link reachableMentors}. */
  readonly menteeZone: Int32Array;
  /** Per distinct mentee UTC offset, the bitset of the active mentors in a time zone within the gap rule. */
  readonly reachableMentors: Uint32Array | null;
  /** Mentors grouped by organisation (CSR over organisation ids), to drop a mentee's own organisation by bitset. */
  readonly orgStart: Int32Array;
  readonly orgMentors: Int32Array;
  /** Per language (vocabulary index), the bitset of active mentors speaking it. */
  readonly languageMentors: Uint32Array;
  /**
   * Per word of the mentor bitsets and grid slot of the week, which of those 32 active mentors are available then,
   * at `word × slots + slot`: a mentee's overlap with 32 mentors at once is a bit-sliced sum of the entries of its own
   * slots, which this word-major layout keeps contiguous.
   */
  readonly slotMentors: Uint32Array | null;
  /** Mentee availability intervals in grid units (`menteeAvail / granularity`), when the prefix sums fit. */
  readonly menteeAvailSlots: Int32Array | null;
  /**
   * Per sector, skill and goal tag (the three vocabularies one after another, then an empty row), the bitset of the
   * mentors having it.
   */
  readonly tagMentors: Uint32Array | null;
}

/** Builds the {@link MentorIndex} of a model for the given active mentors and availability grid. */
export function buildMentorIndex(
  model: Model,
  active: Uint8Array,
  limits: ScorerLimits,
  grid: { readonly granularity: number; readonly slots: number; readonly prefixFits: boolean }
): MentorIndex {
  const m = model.mentors.length;
  const words = Math.max(1, Math.ceil(m / 32));
  const g = grid.granularity;
  let menteeAvailSlots: Int32Array | null = null;
  if (grid.prefixFits) {
    menteeAvailSlots = new Int32Array(model.menteeAvail.length);
    for (let k = 0; k < menteeAvailSlots.length; k++) menteeAvailSlots[k] = model.menteeAvail[k]! / g;
  }
  const offsets = [...new Set(model.mentorOffset)].sort((x, y) => x - y);
  const zoneOffsets = Int32Array.from(offsets);
  const zoneMentors = new Uint32Array(offsets.length * words);
  const zoneOf = new Map(offsets.map((o, z) => [o, z]));
  const mentorZone = Int32Array.from(model.mentorOffset, (o) => zoneOf.get(o)!);
  for (let j = 0; j < m; j++) if (active[j] !== 0) zoneMentors[mentorZone[j]! * words + (j >>> 5)]! |= 1 << (j & 31);
  const menteeOffsets = [...new Set(model.menteeOffset)].sort((x, y) => x - y);
  const menteeZoneOf = new Map(menteeOffsets.map((o, z) => [o, z]));
  const menteeZone = new Int32Array(model.menteeOffset.length);
  for (let i = 0; i < model.menteeOffset.length; i++) menteeZone[i] = menteeZoneOf.get(model.menteeOffset[i]!)!;
  let reachableMentors: Uint32Array | null = null;
  if (menteeOffsets.length * words <= limits.reachable) {
    const maxGap = model.rules.maxTimeZoneGapHours === null ? 720 : model.rules.maxTimeZoneGapHours * 60;
    const reachable = new Uint32Array(menteeOffsets.length * words);
    menteeOffsets.forEach((mo, e) => {
      for (let z = 0; z < offsets.length; z++) {
        if (offsetGap(mo, offsets[z]!) > maxGap) continue;
        for (let x = 0; x < words; x++) reachable[e * words + x]! |= zoneMentors[z * words + x]!;
      }
    });
    reachableMentors = reachable;
  }
  let orgs = 0;
  for (let j = 0; j < m; j++) if (model.mentorOrg[j]! >= orgs) orgs = model.mentorOrg[j]! + 1;
  const orgStart = new Int32Array(orgs + 1);
  for (let j = 0; j < m; j++) if (model.mentorOrg[j]! >= 0) orgStart[model.mentorOrg[j]! + 1]!++;
  for (let o = 0; o < orgs; o++) orgStart[o + 1]! += orgStart[o]!;
  const orgMentors = new Int32Array(orgStart[orgs]!);
  const orgFill = orgStart.slice(0, orgs);
  for (let j = 0; j < m; j++) if (model.mentorOrg[j]! >= 0) orgMentors[orgFill[model.mentorOrg[j]!]!++] = j;
  const langs = model.languages;
  const languageMentors = new Uint32Array(langs.vocabulary.length * words);
  for (let j = 0; j < m; j++) {
    if (active[j] === 0) continue;
    for (let t = 0; t < langs.vocabulary.length; t++) {
      if ((langs.mentorBits[j * langs.words + (t >>> 5)]! >>> (t & 31)) & 1)
        languageMentors[t * words + (j >>> 5)]! |= 1 << (j & 31);
    }
  }
  let slotMentors: Uint32Array | null = null;
  if (grid.prefixFits && grid.slots * words <= limits.slotBits) {
    slotMentors = new Uint32Array(grid.slots * words);
    for (let j = 0; j < m; j++) {
      if (active[j] === 0) continue;
      for (let k = model.mentorAvailStart[j]!; k < model.mentorAvailStart[j + 1]!; k += 2) {
        for (let t = model.mentorAvail[k]! / g; t < model.mentorAvail[k + 1]! / g; t++)
          slotMentors[(j >>> 5) * grid.slots + t]! |= 1 << (j & 31);
      }
    }
  }
  return {
    words,
    zoneOffsets,
    zoneMentors,
    mentorZone,
    menteeZone,
    reachableMentors,
    orgStart,
    orgMentors,
    languageMentors,
    slotMentors,
    menteeAvailSlots,
    tagMentors: tagBitsets([model.sectors, model.skills, model.goals], m, words, limits.tagBits)
  };
}

/** Per tag of the three vocabularies (then one empty row), the bitset of mentors having it; null over the limit. */
function tagBitsets(sets: readonly TagSets[], m: number, words: number, limit: number): Uint32Array | null {
  const tagTotal = sets.reduce((sum, set) => sum + set.vocabulary.length, 0);
  if ((tagTotal + 1) * words > limit) return null;
  const tagMentors = new Uint32Array((tagTotal + 1) * words);
  let first = 0;
  for (const set of sets) {
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
  return tagMentors;
}
