import { buildMentorIndex, SCORER_LIMITS, type ScorerLimits } from './mentor-index.ts';
import type { Model, TagSets } from './model.ts';
import { addSlotCounts, atLeast, PLANES } from './bit-slice.ts';
import { offsetGap, PairScorer, popcount32 } from './pair-score.ts';

/** Most sector, skill and goal tags of one mentee whose shared subset is looked up whole; more are counted pair by pair. */
const COVER_TAGS = 8;

/**
 * Scores whole rows: one mentee against every mentor, with the formula of {@link PairScorer} (whose pair-by-pair
 * methods it inherits) and exactly its results. The hot loop is {@link Scorer.scoreRow}, which decides 32 mentors at a
 * time with the bitsets of a {@link MentorIndex} and scores the survivors with bit operations and lookups only.
 */
export class Scorer extends PairScorer {
  /** Whether {@link scoreRowByScore} may be used: its buckets fit under the limit. */
  readonly canBucket: boolean;
  private readonly mentorWords: number;
  private readonly zoneOffsets: Int32Array;
  private readonly zoneMentors: Uint32Array;
  private readonly languageMentors: Uint32Array;
  private readonly reachableMentors: Uint32Array | null;
  private readonly menteeZone: Int32Array;
  private readonly mentorZone: Int32Array;
  private readonly orgStart: Int32Array;
  private readonly orgMentors: Int32Array;
  private readonly slotMentors: Uint32Array | null;
  private readonly menteeAvailSlots: Int32Array | null;
  private readonly tagMentors: Uint32Array | null;
  /** Availability points by number of shared grid slots (0 … slots). */
  private readonly availabilityPoints: Int32Array;
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
   * With the scratch of {@link prepareCoverage}: the sets of the three tag criteria, the row offsets of the mentee's
   * tags in the tag bitsets (the empty row for unused places) and the points of every subset of them, from a table per
   * count of tags of each criterion.
   */
  private readonly tagSets: readonly [TagSets, TagSets, TagSets];
  private readonly tagRow: Int32Array;
  private coverPoints: Int32Array;
  private readonly coverTables = new Map<number, Int32Array>();

  /**
   * @param mentorActive which mentors may take another mentee (default: those with capacity).
   * @param limits index size limits (tests pass small ones to force the paths without an index).
   */
  constructor(model: Model, mentorActive?: Uint8Array, limits: ScorerLimits = SCORER_LIMITS) {
    super(model, mentorActive, limits.prefix);
    const m = model.mentors.length;
    this.canBucket = (this.maxScore + 1) * m <= limits.buckets;
    const grid = { granularity: this.granularity, slots: this.slots, prefixFits: this.prefixFits };
    const index = buildMentorIndex(model, this.mentorActive, limits, grid);
    const words = (this.mentorWords = index.words);
    this.zoneOffsets = index.zoneOffsets;
    this.zoneMentors = index.zoneMentors;
    this.languageMentors = index.languageMentors;
    this.reachableMentors = index.reachableMentors;
    this.menteeZone = index.menteeZone;
    this.mentorZone = index.mentorZone;
    this.orgStart = index.orgStart;
    this.orgMentors = index.orgMentors;
    this.slotMentors = index.slotMentors;
    this.menteeAvailSlots = index.menteeAvailSlots;
    this.tagMentors = index.tagMentors;
    const w = model.weights;
    this.tzPoints = Int32Array.from({ length: 721 }, (_, gap) => Math.round((w.timeZone * (720 - gap)) / 720));
    this.availabilityPoints = Int32Array.from({ length: this.slots + 1 }, (_, slots) =>
      this.availabilityPointsOf(slots * this.granularity)
    );
    this.zoneRows = new Int32Array(index.zoneOffsets.length);
    this.zonePoints = new Int32Array(index.zoneOffsets.length);
    this.langRows = new Int32Array(model.languages.vocabulary.length);
    this.blocked = new Uint32Array(words);
    this.ranked = new Uint32Array(words);
    this.preferencePoints = new Int32Array(m);
    this.lanes = new Uint32Array(PLANES);
    this.slotAt = new Int32Array(1 << PLANES);
    this.tagSets = [model.sectors, model.skills, model.goals];
    this.tagRow = new Int32Array(COVER_TAGS);
    this.coverPoints = new Int32Array(1);
    this.sectorPoints = new Int32Array(model.sectors.vocabulary.length + 1);
    this.skillPoints = new Int32Array(model.skills.vocabulary.length + 1);
    this.goalPoints = new Int32Array(model.goals.vocabulary.length + 1);
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
        addSlotCounts(slotMentors!, x * slots, slotAt, slotCount, lanes);
        p0 = lanes[0]!;
        p1 = lanes[1]!;
        p2 = lanes[2]!;
        p3 = lanes[3]!;
        p4 = lanes[4]!;
        p5 = lanes[5]!;
        p6 = lanes[6]!;
        p7 = lanes[7]!;
        if (need > 0) {
          if (need >= 1 << planeCount) continue;
          bits &= atLeast(lanes, planeCount, need);
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
}
