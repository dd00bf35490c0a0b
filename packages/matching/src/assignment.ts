import { MinHeap } from './heap.ts';

/**
 * An exact maximum-weight assignment of mentees to mentor slots on a sparse candidate graph (every eligible pair, or
 * pruned lists): successive shortest augmenting paths (the incremental Hungarian method) with Dijkstra on reduced
 * costs and node potentials, see {@link solveAssignmentFull}.
 *
 * Each mentee may also go to a zero-value "unmatched" node, so a mentee is only matched when that raises the total.
 * Mentees are inserted one at a time in index order; after each insertion the assignment is optimal for the mentees
 * inserted so far, because the shortest augmenting path keeps every reduced cost non-negative.
 *
 * The returned duals `u` (per mentee) and `v` (per mentor) are a feasible LP dual on the candidate graph whose
 * objective equals the assignment's value; the caller uses them to prove optimality on the full graph.
 */
export interface AssignmentResult {
  /** Mentor of each mentee, or -1. */
  readonly assign: Int32Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
  /** Total of the transformed pair values of the assignment. */
  readonly value: number;
  /** Nodes settled by Dijkstra, summed over all insertions (a measure of work). */
  readonly settled: number;
}

/** The rows {@link solveAssignmentFull} solves on: CSR over `start` (or `start`..`end`), sorted best first. */
interface SolverRows {
  readonly start: Int32Array;
  readonly end?: Int32Array;
  readonly mentor: Int32Array;
  readonly score: Int32Array;
  readonly bonus?: Uint8Array;
}

/** Edges per block of a row in {@link solveAssignmentFull}. */
const BLOCK = 16;

/**
 * The same successive-shortest-path solver, on every eligible pair at once, without pruning. Rows must be sorted
 * best first (score descending). Edges are generated lazily. Each row is cut into blocks of {@link BLOCK} edges, and
 * each block keeps `bound[b]` ≥ max(a·score + b + π_mentor) over that block and every later block of the row. Mentor
 * potentials only ever decrease, so a bound stays valid once computed; it is tightened whenever its block is
 * scanned. When Dijkstra settles a mentee at distance `d`, every edge of block `b` onward has reduced cost at least
 * `d + π_i − bound[b]`: blocks are relaxed only while that could beat the heap's smallest key, and a continuation
 * entry at that key resumes the row later. Dijkstra therefore stays exact on the full graph while touching a small
 * part of each row; the caller still checks the returned duals on every eligible pair.
 *
 * An assigned mentee's edge back from its mentor always has reduced cost 0 (it is tight), so a settled mentor's
 * mentees are settled at the mentor's distance straight from a stack, without going through the heap.
 *
 * Rows are `start[i] .. end[i]` (`end` defaults to `start[i + 1]`, CSR), so several rows may share one edge list: the
 * caller can solve the transposed problem (one row per mentor slot, mentees as capacity-1 columns) without copying.
 *
 * An edge is worth `a·score + b`, plus `bonus[k]` (0 or 1) when a bonus array is given: the caller's last tie-break
 * (pairs of an earlier proposal). Rows stay sorted by score only; a block's first bound also counts its bonus edges.
 */
export function solveAssignmentFull(
  rows: SolverRows,
  menteesToInsert: Int32Array,
  capacity: Int32Array,
  a: number,
  b: number
): AssignmentResult & { readonly scannedEdges: number } {
  const st = new FullSolve(rows, capacity, a, b);
  initialBounds(st);
  const { start, end } = st;
  let round = 0;
  for (const s of menteesToInsert) {
    if (end[s] === start[s]) continue;
    round++;
    const terminal = search(st, s, round);
    updatePotentials(st.pi, st.dist, st.settledList, st.settledCount, st.D);
    augment(st, s, terminal);
  }
  return { ...dualsOf(st.assign, st.assignValue, st.pi, st.m), settled: st.settledTotal, scannedEdges: st.scanned };
}

/**
 * The state of one {@link solveAssignmentFull} run. The solver is split into functions over this state — the first
 * bounds, one shortest-path search per insertion, one augmentation — rather than one long function: V8 optimises a
 * function called thousands of times with the type feedback of every path it has run, whereas one long function
 * called once is only optimised by on-stack replacement while its loops run, and was compiled again and again (each
 * time a later phase met code without feedback, it was deoptimised): about half a second of compiler time on the
 * first call of a process, spent on code thrown away.
 */
class FullSolve {
  readonly n: number;
  readonly m: number;
  readonly dummy: number;
  readonly nodes: number;
  readonly a: number;
  readonly b: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly mentor: Int32Array;
  readonly score: Int32Array;
  /** The tie-break bonus per edge (0 or 1); empty when `hasBonus` is false. */
  readonly bonus: Uint8Array;
  readonly hasBonus: boolean;
  readonly capacity: Int32Array;
  readonly pi: Float64Array;
  readonly dist: Float64Array;
  readonly seen: Int32Array;
  readonly done: Int32Array;
  readonly pred: Int32Array;
  readonly predEdge: Int32Array;
  /** Blocks: row i owns blocks blockStart[i] .. blockStart[i+1]; block q covers edges start[i] + (q - blockStart[i])·BLOCK … */
  readonly blockStart: Int32Array;
  /**
   * Block q's bound at bb[2q] and its last scanned maximum (blockMax) at bb[2q + 1], interleaved: a row visit then
   * touches one cache line for a block's bound, its maximum and the next block's bound, not three.
   */
  readonly bb: Float64Array;
  /**
   * The bound of each row's first block again, dense: most settled mentees only ever look at that one, and rows are
   * visited in no particular order, so this saves a cache miss per visit (the solve is memory-bound).
   */
  readonly boundFirst: Float64Array;
  readonly cursor: Int32Array;
  readonly assign: Int32Array;
  readonly assignValue: Float64Array;
  readonly ownEdge: Int32Array;
  readonly slotStart: Int32Array;
  readonly slotMentee: Int32Array;
  readonly load: Int32Array;
  readonly settledList: Int32Array;
  readonly heap = new MinHeap();
  readonly zeroStack: Int32Array;
  /** Of the last search: nodes settled, and the distance of its best terminal. */
  settledCount = 0;
  D = 0;
  settledTotal = 0;
  scanned = 0;

  constructor(rows: SolverRows, capacity: Int32Array, a: number, b: number) {
    this.start = rows.start;
    this.end = rows.end ?? rows.start.subarray(1);
    this.mentor = rows.mentor;
    this.score = rows.score;
    this.hasBonus = rows.bonus !== undefined;
    this.bonus = rows.bonus ?? new Uint8Array(0);
    this.capacity = capacity;
    this.a = a;
    this.b = b;
    const n = (this.n = this.end.length);
    const m = (this.m = capacity.length);
    this.dummy = n + m;
    const nodes = (this.nodes = n + m + 1);
    this.pi = new Float64Array(nodes);
    this.dist = new Float64Array(nodes);
    this.seen = new Int32Array(nodes);
    this.done = new Int32Array(nodes);
    this.pred = new Int32Array(nodes);
    this.predEdge = new Int32Array(nodes);
    const blockStart = (this.blockStart = new Int32Array(n + 1));
    for (let i = 0; i < n; i++) blockStart[i + 1] = blockStart[i]! + Math.ceil((this.end[i]! - this.start[i]!) / BLOCK);
    this.bb = new Float64Array(2 * blockStart[n]! + 2);
    this.boundFirst = new Float64Array(n);
    this.cursor = new Int32Array(n);
    this.assign = new Int32Array(n).fill(-1);
    this.assignValue = new Float64Array(n);
    this.ownEdge = new Int32Array(n).fill(-1);
    const slotStart = (this.slotStart = new Int32Array(m + 1));
    for (let j = 0; j < m; j++) slotStart[j + 1] = slotStart[j]! + capacity[j]!;
    this.slotMentee = new Int32Array(slotStart[m]!);
    this.load = new Int32Array(m);
    this.settledList = new Int32Array(nodes);
    this.zeroStack = new Int32Array(nodes);
  }
}

/** All potentials start at 0, so a block's first bound is its best edge's value: the first, or a bonus edge. */
function initialBounds(st: FullSolve): void {
  const { n, start, end, score, bonus, hasBonus, blockStart, bb, boundFirst, a, b } = st;
  for (let i = 0; i < n; i++) {
    for (let q = blockStart[i]!; q < blockStart[i + 1]!; q++) {
      const k = start[i]! + (q - blockStart[i]!) * BLOCK;
      let best = a * score[k]! + b;
      if (hasBonus) {
        // A bonus edge further down the block may be worth one more than the first edge.
        const k1 = Math.min(end[i]!, k + BLOCK);
        for (let x = k; x < k1; x++) if (bonus[x] === 1 && a * score[x]! + b + 1 > best) best = a * score[x]! + b + 1;
      }
      bb[2 * q + 1] = bb[2 * q] = best;
    }
    // A bound covers its block and every later one: with bonus edges a later block can be worth one more.
    if (hasBonus)
      for (let q = blockStart[i + 1]! - 2; q >= blockStart[i]!; q--)
        if (bb[2 * (q + 1)]! > bb[2 * q]!) bb[2 * q] = bb[2 * (q + 1)]!;
    boundFirst[i] = blockStart[i + 1]! > blockStart[i]! ? bb[2 * blockStart[i]!]! : -Infinity;
  }
}

/**
 * Dijkstra on reduced costs from the new mentee `s` (search number `round`) until nothing in the heap is shorter than
 * the best terminal (a mentor with room, or the dummy) reached so far: stopping there saves settling the many nodes
 * that tie with it (integer scores make large ties). Leaves the settled nodes and the terminal's distance in `st`.
 * @returns the terminal.
 */
function search(st: FullSolve, s: number, round: number): number {
  const { n, nodes, dummy, a, b, start, end, mentor, score, bonus, hasBonus, capacity } = st;
  const { pi, dist, seen, done, pred, predEdge, blockStart, bb, boundFirst, cursor, assign, assignValue } = st;
  const { slotStart, slotMentee, load, settledList, heap, zeroStack } = st;
  // Any potential that makes the new mentee's edges non-negative will do; the final potentials do not depend on it.
  pi[s] = Math.max(pi[dummy]!, boundFirst[s]!);
  heap.clear();
  let zeroTop = 0;
  dist[s] = 0;
  seen[s] = round;
  pred[s] = -1;
  heap.push(0, s);
  let settledCount = 0;
  let scanned = 0;
  let terminal = -1;
  let D = Infinity;
  for (;;) {
    let d: number;
    let x: number;
    if (zeroTop > 0) {
      // A mentee reached through its mentor's tight edge, at the mentor's distance: settled without the heap.
      x = zeroStack[--zeroTop]!;
      d = dist[x]!;
      if (d >= D) break;
    } else {
      if (heap.size === 0) break;
      d = heap.topKey();
      if (d >= D) break;
      x = heap.pop();
    }
    let resume = false;
    if (x >= nodes) {
      // A continuation: resume scanning a settled mentee's row.
      x -= nodes;
      resume = true;
    } else {
      if (done[x] === round || d > dist[x]!) continue;
      done[x] = round;
      settledList[settledCount++] = x;
      if (x >= n) {
        const j = x - n;
        const px = pi[x]!;
        for (let q = slotStart[j]!; q < slotStart[j]! + load[j]!; q++) {
          const i = slotMentee[q]!;
          const nd = d + assignValue[i]! + px - pi[i]!;
          if (seen[i] !== round || nd < dist[i]!) {
            seen[i] = round;
            dist[i] = nd;
            pred[i] = x;
            if (nd === d) zeroStack[zeroTop++] = i;
            else heap.push(nd, i);
          }
        }
        continue;
      }
    }
    const i = x;
    const di = dist[i]!;
    const px = pi[i]!;
    const b0 = blockStart[i]!;
    const b1 = blockStart[i + 1]!;
    if (!resume) {
      cursor[i] = b0;
      const toDummy = di + px - pi[dummy]!;
      if (seen[dummy] !== round || toDummy < dist[dummy]!) {
        seen[dummy] = round;
        dist[dummy] = toDummy;
        pred[dummy] = i;
        if (toDummy < D) {
          D = toDummy;
          terminal = dummy;
        }
      }
    }
    const own = assign[i]!;
    const base = di + px;
    const rowEnd = end[i]!;
    let q = cursor[i]!;
    const q0 = q;
    if (q === b0 && q < b1) {
      // The dense copy of the first bound decides most rows without touching the row's blocks.
      const lb = base - boundFirst[i]!;
      if (lb >= D || (zeroTop > 0 ? lb > di : heap.size > 0 && lb > heap.topKey())) {
        if (lb < D) heap.push(lb, nodes + i);
        continue;
      }
    }
    for (; q < b1; q++) {
      // Nothing at or beyond the best terminal's distance D can matter; below it, scan only what could be popped next.
      const lb = base - bb[2 * q]!;
      if (lb >= D || (zeroTop > 0 ? lb > di : heap.size > 0 && lb > heap.topKey())) break;
      const k0 = start[i]! + (q - b0) * BLOCK;
      const k1 = Math.min(rowEnd, k0 + BLOCK);
      let best = -Infinity;
      for (let k = k0; k < k1; k++) {
        const w = a * score[k]! + b + (hasBonus ? bonus[k]! : 0);
        const j = mentor[k]!;
        const y = n + j;
        const py = pi[y]!;
        if (j === own) continue;
        if (w + py > best) best = w + py;
        if (done[y] === round) continue;
        const nd = base - w - py;
        if (seen[y] !== round || nd < dist[y]!) {
          seen[y] = round;
          dist[y] = nd;
          pred[y] = i;
          predEdge[y] = k;
          if (load[j]! < capacity[j]!) {
            if (nd < D) {
              D = nd;
              terminal = y;
            }
          } else heap.push(nd, y);
        }
      }
      scanned += k1 - k0;
      bb[2 * q + 1] = best;
    }
    cursor[i] = q;
    // Tighten the suffix bounds of the blocks just scanned (later blocks keep their older, still valid bounds).
    if (q > q0) {
      let suffix = q < b1 ? bb[2 * q]! : -Infinity;
      for (let r = q - 1; r >= b0; r--) {
        if (bb[2 * r + 1]! > suffix) suffix = bb[2 * r + 1]!;
        bb[2 * r] = suffix;
      }
      boundFirst[i] = bb[2 * b0]!;
    }
    if (q < b1 && base - bb[2 * q]! < D) heap.push(base - bb[2 * q]!, nodes + i);
  }
  st.settledCount = settledCount;
  st.settledTotal += settledCount;
  st.scanned += scanned;
  st.D = D;
  return terminal;
}

/** Moves every mentee along the augmenting path from `terminal` back to the new mentee `s`. */
function augment(st: FullSolve, s: number, terminal: number): void {
  const { n, dummy, a, b, start, score, bonus, hasBonus, pi, pred, predEdge, blockStart, bb, boundFirst } = st;
  const { assign, assignValue, ownEdge, slotMentee, slotStart, load } = st;
  let to = terminal;
  let leaving = -1;
  for (;;) {
    const i = pred[to]!;
    const from = assign[i]!;
    // Bounds leave out a mentee's own edge (it is tight, so it would make every row look worth scanning); the edge
    // it leaves becomes an ordinary one and goes back into the bounds of its block and the blocks before it.
    const old = ownEdge[i]!;
    if (old >= 0) {
      const value = assignValue[i]! + pi[n + from]!;
      for (let r = blockStart[i]! + (((old - start[i]!) / BLOCK) | 0); r >= blockStart[i]!; r--) {
        if (bb[2 * r]! >= value) break;
        bb[2 * r] = value;
      }
      boundFirst[i] = bb[2 * blockStart[i]!]!;
    }
    if (to === dummy) {
      assign[i] = -1;
      assignValue[i] = 0;
      ownEdge[i] = -1;
    } else {
      const j = to - n;
      const e = predEdge[to]!;
      assign[i] = j;
      ownEdge[i] = e;
      assignValue[i] = a * score[e]! + b + (hasBonus ? bonus[e]! : 0);
      takeSlot(slotMentee, slotStart, load, j, i, leaving);
    }
    if (i === s) break;
    leaving = i;
    to = n + from;
  }
}

/**
 * Puts mentee `i` into one of mentor `j`'s slots: a free one when nobody left (`leaving` -1), else the slot of the
 * mentee that the augmenting path moved away from `j`. Shared by both solvers' augmentation step.
 */
function takeSlot(
  slotMentee: Int32Array,
  slotStart: Int32Array,
  load: Int32Array,
  j: number,
  i: number,
  leaving: number
): void {
  if (leaving === -1) {
    slotMentee[slotStart[j]! + load[j]!] = i;
    load[j]! += 1;
    return;
  }
  let q = slotStart[j]!;
  while (slotMentee[q] !== leaving) q++;
  slotMentee[q] = i;
}

/** Dijkstra with potentials: every node settled before the terminal (at distance `D`) lowers its potential. */
function updatePotentials(
  pi: Float64Array,
  dist: Float64Array,
  settledList: Int32Array,
  settledCount: number,
  D: number
): void {
  for (let q = 0; q < settledCount; q++) {
    const x = settledList[q]!;
    pi[x]! -= D - dist[x]!;
  }
}

/**
 * The dual solution (mentee values `u`, slot prices `v`) read off the final potentials, with the assignment's
 * value; the optimality certificate checks these against every eligible pair. The dummy node is the last one.
 */
function dualsOf(
  assign: Int32Array,
  assignValue: Float64Array,
  pi: Float64Array,
  m: number
): { assign: Int32Array; u: Float64Array; v: Float64Array; value: number } {
  const n = assign.length;
  const dummy = n + m;
  const u = new Float64Array(n);
  const v = new Float64Array(m);
  let value = 0;
  for (let i = 0; i < n; i++) {
    if (assign[i]! >= 0) {
      u[i] = Math.max(0, pi[i]! - pi[dummy]!);
      value += assignValue[i]!;
    }
  }
  for (let j = 0; j < m; j++) v[j] = Math.max(0, pi[dummy]! - pi[n + j]!);
  return { assign, u, v, value };
}
