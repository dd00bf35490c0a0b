import { solveAssignmentFull } from './assignment.ts';
import { sortedRow, type CandidateLists, type Row } from './candidates.ts';
import { pairValueWeights } from './objective.ts';

/** How the optimal mode reached its answer, for reports and benchmarks. */
export interface OptimalStats {
  /** Candidate edges the solver saw in its last round. */
  readonly candidateEdges: number;
  /** Solver rounds: 1, plus one per time the pruned graph had to be widened. */
  readonly rounds: number;
  /** Mentees whose full row had to be re-scored to check the optimality certificate. */
  readonly rescoredMentees: number;
  /** Whether the LP dual certificate proved the result optimal over all eligible pairs (always true on return). */
  readonly certified: boolean;
  readonly solveSettledNodes: number;
  /** Which side the full-graph solver inserted one at a time (the scarcer one). */
  readonly insertedSide?: 'mentees' | 'slots';
  /** Nodes settled by the second solve that keeps previous pairs (absent when it was not needed). */
  readonly tieBreakSettledNodes?: number;
}

function widen(
  lists: CandidateLists,
  rows: Map<number, { mentor: Int32Array; score: Int32Array; prunedMax: number }>
): CandidateLists {
  const n = lists.start.length - 1;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    start[i + 1] = start[i]! + (rows.get(i)?.mentor.length ?? lists.start[i + 1]! - lists.start[i]!);
  const mentor = new Int32Array(start[n]!);
  const score = new Int32Array(start[n]!);
  const prunedMax = lists.prunedMax.slice();
  for (let i = 0; i < n; i++) {
    const row = rows.get(i);
    if (row) {
      mentor.set(row.mentor, start[i]);
      score.set(row.score, start[i]);
      prunedMax[i] = row.prunedMax;
    } else {
      mentor.set(lists.mentor.subarray(lists.start[i], lists.start[i + 1]), start[i]);
      score.set(lists.score.subarray(lists.start[i], lists.start[i + 1]), start[i]);
    }
  }
  return { ...lists, start, mentor, score, prunedMax };
}

/**
 * A phase-1 solution with its certified LP dual in the mentee formulation: `u` per mentee, `v` per mentor (the price
 * of each of its slots), `a·score + b ≤ u_i + v_j` on every eligible pair, Σu + Σ capacity·v = `value`.
 */
interface Certified {
  readonly assign: Int32Array;
  readonly stats: OptimalStats;
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly value: number;
  /** Mentee `i`'s eligible pairs that may be tight (every pair whose value could equal u_i + v_j), best first. */
  readonly rowOf: (i: number) => { readonly mentor: Int32Array; readonly score: Int32Array };
}

/** What the exact solver needs besides the candidate lists: the score bound, previous pairs and a way to re-score. */
export interface OptimalProblem {
  /** The highest score a pair can have (the weights summed). */
  readonly maxScore: number;
  /** For each mentee, its mentor in `previousPairs`, or -1. */
  readonly previousMentor: Int32Array;
  /** Mentee `i`'s every eligible mentor, best first; only called when the candidate lists are pruned. */
  readonly rescore: (i: number) => Row;
}

/**
 * The exact optimal assignment of the free mentees to the mentors' remaining capacity.
 *
 * Objective: maximise the total score, then (as a tie-break) the number matched; with `maximizeMatched`, maximise
 * the number matched first, then the score. Both are encoded as one integer pair value `a·score + b`
 * (`pairValueWeights` in objective.ts). Last, when the cohort lists `previousPairs`, keep as many of them as possible among the
 * optimal assignments: a second solve on the optimal face ({@link keepPreviousPairs}).
 *
 * When the candidate lists are pruned to each mentee's best K mentors, the pruned problem is solved first,
 * and its LP dual (u per mentee, v per mentor) is checked against every pruned-away pair: a pair worth more than
 * `u_i + v_j` could improve the result, so that mentee's full row is added and the problem solved again. The result
 * is returned only once the dual is feasible for all eligible pairs and equals the primal value, which proves it
 * optimal for the unpruned problem.
 */
export function solveOptimal(
  problem: OptimalProblem,
  candidates: CandidateLists,
  freeMentees: Int32Array,
  residualCapacity: Int32Array,
  maximizeMatched: boolean,
  tuning: { readonly insertSide?: 'auto' | 'mentees' | 'slots'; readonly slotColumnLimit?: number } = {}
): { assign: Int32Array; stats: OptimalStats } {
  const previous = problem.previousMentor;
  const { a, b } = pairValueWeights(freeMentees.length, problem.maxScore, maximizeMatched);
  const best = solveBestValue(problem, candidates, freeMentees, residualCapacity, a, b, tuning);
  let keeping = false;
  for (const i of freeMentees) if (previous[i]! >= 0 && residualCapacity[previous[i]!]! > 0) keeping = true;
  if (!keeping) return { assign: best.assign, stats: best.stats };
  return keepPreviousPairs(best, freeMentees, residualCapacity, previous, a, b);
}

/** Phase 1: the best assignment for `a·score + b`, with its certified dual, on the path the options choose. */
function solveBestValue(
  problem: OptimalProblem,
  candidates: CandidateLists,
  freeMentees: Int32Array,
  residualCapacity: Int32Array,
  a: number,
  b: number,
  tuning: { readonly insertSide?: 'auto' | 'mentees' | 'slots'; readonly slotColumnLimit?: number }
): Certified {
  let lists = candidates;
  const insertion = insertionOrder(lists, freeMentees);
  const all = candidates.all;
  if (all) {
    const rowOf = (i: number) => ({
      mentor: all.mentor.subarray(all.start[i], all.start[i + 1]),
      score: all.score.subarray(all.start[i], all.start[i + 1])
    });
    // Insert from the scarcer side: the shortest-path solver is slow when the side it inserts competes for the last
    // few free places of the other side (each late insertion then needs a long chain of moves), and fast when free
    // places stay plentiful.
    let slots = 0;
    for (let j = 0; j < residualCapacity.length; j++) slots += residualCapacity[j]!;
    let placeable = 0;
    for (const i of freeMentees) if (all.start[i + 1]! > all.start[i]!) placeable++;
    const side = tuning.insertSide ?? 'auto';
    if (side === 'slots' || (side === 'auto' && slots < placeable)) {
      const bySlots = solveOptimalBySlots(
        all,
        freeMentees,
        residualCapacity,
        a,
        b,
        tuning.slotColumnLimit ?? SLOT_COLUMN_LIMIT
      );
      return { ...bySlots, rowOf };
    }
    return { ...solveOptimalFull(all, insertion, freeMentees, residualCapacity, a, b), rowOf };
  }
  let rounds = 0;
  let rescored = 0;
  let settled = 0;
  for (;;) {
    rounds++;
    // The same lazy solver as on the full graph: the pruned rows are sorted best first too.
    const result = solveAssignmentFull(lists, insertion, residualCapacity, a, b);
    settled += result.settled;
    const { u, v } = result;
    // Check the certificate on the graph the solver saw: dual feasible, and dual objective = primal value.
    checkCertificate(lists, freeMentees, residualCapacity, a, b, result);
    // Then against the pairs pruning left out.
    // Every pruned pair's mentor has v_j >= the smallest price among mentors with room to give.
    const minPrice = smallestPrice(v, residualCapacity);
    const widened = new Map<number, { mentor: Int32Array; score: Int32Array; prunedMax: number }>();
    for (const i of freeMentees) {
      const best = lists.prunedMax[i]!;
      if (best < 0 || a * best + b <= u[i]! + minPrice) continue;
      rescored++;
      const row = problem.rescore(i);
      // Add only the pairs that violate the dual (plus those already kept); the rest stay pruned.
      const kept = new Set(lists.mentor.subarray(lists.start[i], lists.start[i + 1]));
      const addMentor: number[] = [];
      const addScore: number[] = [];
      let restMax = -1;
      for (let k = 0; k < row.mentor.length; k++) {
        const j = row.mentor[k]!;
        const sc = row.score[k]!;
        if (kept.has(j) || (residualCapacity[j]! > 0 && a * sc + b > u[i]! + v[j]!)) {
          addMentor.push(j);
          addScore.push(sc);
        } else if (sc > restMax) restMax = sc;
      }
      if (addMentor.length > kept.size) {
        widened.set(i, {
          ...sortedRow({ mentor: Int32Array.from(addMentor), score: Int32Array.from(addScore) }),
          prunedMax: restMax
        });
      }
    }
    if (widened.size === 0) {
      const final = lists;
      // A pruned pair can be tight (worth exactly u_i + v_j) only if its row's best pruned score reaches the bound.
      const rowOf = (i: number) =>
        final.prunedMax[i]! >= 0 && a * final.prunedMax[i]! + b >= u[i]! + minPrice
          ? problem.rescore(i)
          : {
              mentor: final.mentor.subarray(final.start[i], final.start[i + 1]),
              score: final.score.subarray(final.start[i], final.start[i + 1])
            };
      return {
        assign: result.assign,
        u,
        v,
        value: result.value,
        rowOf,
        stats: {
          candidateEdges: lists.mentor.length,
          rounds,
          rescoredMentees: rescored,
          certified: true,
          solveSettledNodes: settled
        }
      };
    }
    lists = widen(lists, widened);
  }
}

/**
 * Strong mentees first: they set the mentors' prices early, so a weaker mentee inserted later usually finds its best
 * move (often "stay unmatched") within a small Dijkstra radius. Any order gives the same optimum value.
 */
function insertionOrder(rows: { readonly start: Int32Array; readonly score: Int32Array }, mentees: Int32Array) {
  const top = (i: number) => (rows.start[i + 1]! > rows.start[i]! ? rows.score[rows.start[i]!]! : -1);
  return Int32Array.from(mentees).sort((x, y) => top(y) - top(x) || x - y);
}

/** The smallest slot price among mentors with room to give (0 when none has room). */
function smallestPrice(v: Float64Array, residualCapacity: Int32Array): number {
  let minPrice = Infinity;
  for (let j = 0; j < v.length; j++) if (residualCapacity[j]! > 0 && v[j]! < minPrice) minPrice = v[j]!;
  return minPrice === Infinity ? 0 : minPrice;
}

/**
 * The LP dual certificate on the rows the solver saw: dual objective equal to the primal value, and no pair worth
 * more than `u_i + v_j`. Any failure is a bug, never a worse result returned.
 */
function checkCertificate(
  rows: {
    readonly start: Int32Array;
    readonly mentor: Int32Array;
    readonly score: Int32Array;
    readonly bonus?: Uint8Array;
  },
  freeMentees: Int32Array,
  residualCapacity: Int32Array,
  a: number,
  b: number,
  result: { readonly u: Float64Array; readonly v: Float64Array; readonly value: number }
): void {
  const { u, v } = result;
  let dual = 0;
  for (const i of freeMentees) dual += u[i]!;
  for (let j = 0; j < v.length; j++) dual += residualCapacity[j]! * v[j]!;
  if (dual !== result.value) throw new Error(`internal error: dual ${dual} differs from primal ${result.value}`);
  const { start, mentor, score, bonus } = rows;
  for (const i of freeMentees) {
    const ui = u[i]!;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const j = mentor[k]!;
      if (residualCapacity[j]! > 0 && a * score[k]! + b + (bonus ? bonus[k]! : 0) > ui + v[j]!)
        throw new Error('internal error: infeasible dual');
    }
  }
}

/**
 * Phase 2, the `previousPairs` tie-break: among the assignments with phase 1's optimal value, one that keeps the most
 * previous pairs. By LP complementary slackness with phase 1's optimal dual (u, v), an assignment is optimal exactly
 * when it uses only tight pairs (`a·score + b = u_i + v_j`), matches every mentee with `u_i > 0` and fills every
 * mentor with `v_j > 0`. So phase 2 solves the same kind of assignment on the tight pairs only, each worth
 * `F·(forced ends it covers) + (1 if it is a previous pair)` with `F = count + 1` > any number of kept pairs: covering
 * every forced end comes first (phase 1 shows it is possible), then the kept pairs. Its values stay below
 * `count·(2F + 1)`, so both phases are exact up to the format's limits, where folding the tie-break into one value
 * was not. The result is checked to have phase 1's value exactly, and phase 2 carries its own certificate.
 */
function keepPreviousPairs(
  best: Certified,
  freeMentees: Int32Array,
  residualCapacity: Int32Array,
  previous: Int32Array,
  a: number,
  b: number
): { assign: Int32Array; stats: OptimalStats } {
  const n = previous.length;
  const { u, v } = best;
  const isFree = new Uint8Array(n);
  for (const i of freeMentees) isFree[i] = 1;
  const start = new Int32Array(n + 1);
  // Tight pairs: mentor, forced ends covered (0–2, the solver's "score"), the pair's own score, previous or not.
  let size = 1024;
  let mentor = new Int32Array(size);
  let forced = new Int32Array(size);
  let scores = new Int32Array(size);
  let bonus = new Uint8Array(size);
  let used = 0;
  let tightPrevious = 0;
  let keptAlready = 0;
  for (let i = 0; i < n; i++) {
    start[i] = used;
    if (isFree[i] === 0) continue;
    const row = best.rowOf(i);
    if (used + row.mentor.length > size) {
      size = Math.max(2 * size, used + row.mentor.length);
      mentor = grow(mentor, size);
      forced = grow(forced, size);
      scores = grow(scores, size);
      bonus = grow(bonus, size);
    }
    const ui = u[i]!;
    const menteeForced = ui > 0 ? 1 : 0;
    // Those covering two forced ends first, then one, then none: rows must be sorted best first.
    for (let level = 2; level >= 0; level--) {
      for (let k = 0; k < row.mentor.length; k++) {
        const j = row.mentor[k]!;
        const vj = v[j]!;
        if (residualCapacity[j]! <= 0 || menteeForced + (vj > 0 ? 1 : 0) !== level) continue;
        if (a * row.score[k]! + b !== ui + vj) continue;
        mentor[used] = j;
        forced[used] = level;
        scores[used] = row.score[k]!;
        if (previous[i] === j) {
          bonus[used] = 1;
          tightPrevious++;
          if (best.assign[i] === j) keptAlready++;
        }
        used++;
      }
    }
  }
  start[n] = used;
  // Phase 1 already keeps every previous pair any optimal assignment could keep: nothing to improve.
  if (keptAlready === tightPrevious) return { assign: best.assign, stats: best.stats };
  const rows = {
    start,
    mentor: mentor.subarray(0, used),
    score: forced.subarray(0, used),
    bonus: bonus.subarray(0, used)
  };
  const F = freeMentees.length + 1;
  const second = solveOptimalFull(rows, insertionOrder(rows, freeMentees), freeMentees, residualCapacity, F, 0);
  // The tie-break must not cost anything phase 1 optimised: the same value, to the unit.
  let value = 0;
  for (const i of freeMentees) {
    const j = second.assign[i]!;
    if (j < 0) continue;
    for (let k = start[i]!; k < start[i + 1]!; k++) if (mentor[k] === j) value += a * scores[k]! + b;
  }
  if (value !== best.value)
    throw new Error(`internal error: keeping previous pairs changed the value (${value} vs ${best.value})`);
  return {
    assign: second.assign,
    stats: { ...best.stats, tieBreakSettledNodes: second.stats.solveSettledNodes }
  };
}

/** A larger copy of a typed array (zero-filled beyond the old length). */
function grow<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const larger = new (array.constructor as new (size: number) => T)(size);
  larger.set(array);
  return larger;
}

/**
 * With every eligible pair in memory: one exact solve on the whole graph (edges generated lazily from the sorted rows,
 * see {@link solveAssignmentFull}), then the LP dual certificate checked on every eligible pair. No pruning, so no
 * rounds and nothing to re-score.
 */
function solveOptimalFull(
  all: NonNullable<CandidateLists['all']> & { readonly bonus?: Uint8Array },
  insertion: Int32Array,
  freeMentees: Int32Array,
  residualCapacity: Int32Array,
  a: number,
  b: number
): Omit<Certified, 'rowOf'> {
  const result = solveAssignmentFull(all, insertion, residualCapacity, a, b);
  checkCertificate(all, freeMentees, residualCapacity, a, b, result);
  return {
    assign: result.assign,
    u: result.u,
    v: result.v,
    value: result.value,
    stats: {
      candidateEdges: result.scannedEdges,
      rounds: 1,
      rescoredMentees: 0,
      certified: true,
      solveSettledNodes: result.settled,
      insertedSide: 'mentees'
    }
  };
}

/**
 * Mentees kept per mentor column by {@link solveOptimalBySlots} (ties at the cut kept too); the certificate decides
 * whether that was enough, else the columns are rebuilt whole and the problem solved again.
 */
const SLOT_COLUMN_LIMIT = 256;

/**
 * The same exact solve with the roles swapped: one row per free mentor slot (each a view of that mentor's column of
 * eligible mentees, sorted best first), mentees as columns of capacity 1, slots inserted one at a time. Used when
 * slots are scarcer than mentees. The certificate is the slot problem's LP dual: `u` per slot, `v` per mentee,
 * `a·score + b ≤ u_slot + v_mentee` for every slot of every eligible pair, and Σu + Σv equal to the value.
 */
function solveOptimalBySlots(
  all: NonNullable<CandidateLists['all']>,
  freeMentees: Int32Array,
  residualCapacity: Int32Array,
  a: number,
  b: number,
  columnLimit: number
): Omit<Certified, 'rowOf'> {
  const n = all.start.length - 1;
  const m = residualCapacity.length;
  const { start, mentor, score } = all;
  // Each mentor's column: its eligible free mentees, best score first, then by mentee index, cut below the score of its
  // `columnLimit`-th best (ties kept). A histogram of (mentor, score) gives every kept edge its exact place, so one
  // pass over the rows in mentee order fills the columns already sorted.
  let maxScore = 0;
  for (const i of freeMentees)
    if (start[i + 1]! > start[i]! && score[start[i]!]! > maxScore) maxScore = score[start[i]!]!;
  const levels = maxScore + 1;
  const hist = new Int32Array(m * levels);
  for (const i of freeMentees) for (let k = start[i]!; k < start[i + 1]!; k++) hist[mentor[k]! * levels + score[k]!]!++;
  const colStart = new Int32Array(m + 1);
  const cut = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    // Turn mentor j's counts into offsets (best score first), stopping at the cut.
    let at = colStart[j]!;
    let t = maxScore;
    for (; t >= 0; t--) {
      const c = hist[j * levels + t]!;
      hist[j * levels + t] = at;
      at += c;
      if (at - colStart[j]! >= columnLimit) {
        t--;
        break;
      }
    }
    cut[j] = t + 1;
    colStart[j + 1] = at;
  }
  const edges = colStart[m]!;
  const colMentee = new Int32Array(edges);
  const colScore = new Int32Array(edges);
  const sortedFree = Int32Array.from(freeMentees).sort();
  let kept = 0;
  for (const i of sortedFree) {
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const j = mentor[k]!;
      const t = score[k]!;
      if (t < cut[j]!) continue;
      const at = hist[j * levels + t]!++;
      colMentee[at] = i;
      colScore[at] = t;
      kept++;
    }
  }
  if (kept !== edges) throw new Error('internal error: column sizes');
  // One row per slot; rows of one mentor share its column.
  let slots = 0;
  for (let j = 0; j < m; j++) slots += Math.max(0, residualCapacity[j]!);
  const rowStart = new Int32Array(slots);
  const rowEnd = new Int32Array(slots);
  const rowMentor = new Int32Array(slots);
  let r = 0;
  for (let j = 0; j < m; j++) {
    for (let c = 0; c < residualCapacity[j]!; c++, r++) {
      rowStart[r] = colStart[j]!;
      rowEnd[r] = colStart[j + 1]!;
      rowMentor[r] = j;
    }
  }
  // Strong slots first (best column score, then slot order), as for mentees: a counting sort by that score.
  const insertion = new Int32Array(slots);
  const level = new Int32Array(maxScore + 3);
  const top = (q: number) => (rowEnd[q]! > rowStart[q]! ? colScore[rowStart[q]!]! : -1);
  for (let q = 0; q < slots; q++) level[maxScore - top(q) + 1]!++;
  for (let t = 1; t < level.length; t++) level[t]! += level[t - 1]!;
  for (let q = 0; q < slots; q++) insertion[level[maxScore - top(q)]!++] = q;
  const menteeCapacity = new Int32Array(n).fill(1);
  const result = solveAssignmentFull(
    { start: rowStart, end: rowEnd, mentor: colMentee, score: colScore },
    insertion,
    menteeCapacity,
    a,
    b
  );
  const { u, v } = result;
  let dual = 0;
  for (let q = 0; q < slots; q++) dual += u[q]!;
  for (const i of freeMentees) dual += v[i]!;
  // Mentees outside the free list never appear in a column, so their duals stay 0.
  if (dual !== result.value) throw new Error(`internal error: dual ${dual} differs from primal ${result.value}`);
  const minU = new Float64Array(m).fill(Infinity);
  for (let q = 0; q < slots; q++) if (u[q]! < minU[rowMentor[q]!]!) minU[rowMentor[q]!] = u[q]!;
  for (const i of freeMentees) {
    const vi = v[i]!;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const j = mentor[k]!;
      if (residualCapacity[j]! > 0 && a * score[k]! + b > minU[j]! + vi) {
        // A pair below its mentor's cut could improve the result: solve again with whole columns (exact by itself).
        if (score[k]! < cut[j]! && columnLimit !== Infinity) {
          const again = solveOptimalBySlots(all, freeMentees, residualCapacity, a, b, Infinity);
          return { ...again, stats: { ...again.stats, rounds: 2 } };
        }
        throw new Error('internal error: infeasible dual');
      }
    }
  }
  const assign = new Int32Array(n).fill(-1);
  for (let q = 0; q < slots; q++) if (result.assign[q]! >= 0) assign[result.assign[q]!] = rowMentor[q]!;
  // The dual in the mentee formulation: each mentee's own value, and per mentor its cheapest slot. It is feasible
  // (checked above) and its objective is at most the slot dual's, which equals the value: so it is optimal too.
  const mentorPrice = new Float64Array(m);
  for (let j = 0; j < m; j++) if (residualCapacity[j]! > 0) mentorPrice[j] = minU[j]!;
  return {
    assign,
    u: Float64Array.from(v),
    v: mentorPrice,
    value: result.value,
    stats: {
      candidateEdges: result.scannedEdges,
      rounds: 1,
      rescoredMentees: 0,
      certified: true,
      solveSettledNodes: result.settled,
      insertedSide: 'slots'
    }
  };
}
