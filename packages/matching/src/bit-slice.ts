/**
 * Bit-sliced counting of availability overlaps, 32 mentors at a time (one bit each): the counts live in bit planes,
 * bit b of mentor j's count being bit (j & 31) of plane b, so adding one availability slot to 32 counts is a handful of
 * bitwise operations.
 */

/** Counts the set bits of a 32-bit integer. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Bit planes of the counts: mentees with more availability slots than 2^PLANES − 1 use the prefix sums instead. */
export const PLANES = 8;

/**
 * Adds up the mentee's `slotCount` slots (grid slots `slotAt[0 … slotCount)`) for the 32 mentors of one word, whose
 * per-slot bitsets start at `slotMentors[base]`, into `planes[0 … PLANES)`. Counts stay below 2^PLANES for every mentor
 * of the word (the caller ignores those it does not need). Eight slots at a time go through a tree of carry-save
 * adders, as in Harley–Seal population counts: each full adder turns three bit vectors into a sum and a carry vector
 * with five operations and no branch; then four more the same way, and the last ones by ripple-carry adds.
 */
export function addSlotCounts(
  slotMentors: Uint32Array,
  base: number,
  slotAt: Int32Array,
  slotCount: number,
  planes: Uint32Array
): void {
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  let p5 = 0;
  let p6 = 0;
  let p7 = 0;
  let q = 0;
  for (; q + 8 <= slotCount; q += 8) {
    const r0 = slotMentors[base + slotAt[q]!]!;
    const r1 = slotMentors[base + slotAt[q + 1]!]!;
    const r2 = slotMentors[base + slotAt[q + 2]!]!;
    const r3 = slotMentors[base + slotAt[q + 3]!]!;
    const r4 = slotMentors[base + slotAt[q + 4]!]!;
    const r5 = slotMentors[base + slotAt[q + 5]!]!;
    const r6 = slotMentors[base + slotAt[q + 6]!]!;
    const r7 = slotMentors[base + slotAt[q + 7]!]!;
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
    const r0 = slotMentors[base + slotAt[q]!]!;
    const r1 = slotMentors[base + slotAt[q + 1]!]!;
    const r2 = slotMentors[base + slotAt[q + 2]!]!;
    const r3 = slotMentors[base + slotAt[q + 3]!]!;
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
    let carry = slotMentors[base + slotAt[q]!]!;
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
  planes[0] = p0;
  planes[1] = p1;
  planes[2] = p2;
  planes[3] = p3;
  planes[4] = p4;
  planes[5] = p5;
  planes[6] = p6;
  planes[7] = p7;
}

/**
 * The mentors (bits) whose count in `planes` is at least `need` (< 2^planeCount), compared plane by plane from the top:
 * `gt` = already greater, `eq` = equal so far.
 */
export function atLeast(planes: Uint32Array, planeCount: number, need: number): number {
  let gt = 0;
  let eq = -1;
  for (let b = planeCount - 1; b >= 0; b--) {
    const plane = planes[b]!;
    if ((need >>> b) & 1) eq &= plane;
    else {
      gt |= eq & plane;
      eq &= ~plane;
    }
  }
  return gt | eq;
}
