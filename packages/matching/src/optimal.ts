import { solveAssignmentFull } from './assignment.ts';
import { completeRow, sortedRow, type CandidateLists } from './candidates.ts';
import type { Scorer } from './scoring.ts';

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
}

/**
 * The per-edge tie-break of `previousPairs`: 1 on the edge from each listed mentee to its previous mentor, else 0.
 * Undefined when no free mentee has a previous mentor, so the solver's values stay `a·score + b`.
 */
function edgeBonus(
  rows: { readonly start: Int32Array; readonly mentor: Int32Array },
  freeMentees: Int32Array,
  previous: Int32Array
): Uint8Array | undefined {
  let bonus: Uint8Array | undefined;
  for (const i of freeMentees) {
    const j = previous[i]!;
    if (j < 0) continue;
    for (let k = rows.start[i]!; k < rows.start[i + 1]!; k++) {
      if (rows.mentor[k] !== j) continue;
      bonus ??= new Uint8Array(rows.mentor.length);
      bonus[k] = 1;
      break;
    }
  }
  return bonus;
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
 * The exact optimal assignment of the free mentees to the mentors' remaining capacity.
 *
 * Objective: maximise the total score, then (as a tie-break) the number matched; with `maximizeMatched`, maximise
 * the number matched first, then the score. Last, when the cohort lists `previousPairs`, keep as many of them as
 * possible. All are encoded as one integer pair value `a·score + b (+ 1 for a previous pair)`.
 *
 * When the candidate lists are pruned to each mentee's best K mentors, the pruned problem is solved first,
 * and its LP dual (u per mentee, v per mentor) is checked against every pruned-away pair: a pair worth more than
 * `u_i + v_j` could improve the result, so that mentee's full row is added and the problem solved again. The result
 * is returned only once the dual is feasible for all eligible pairs and equals the primal value, which proves it
 * optimal for the unpruned problem.
 */
export function solveOptimal(
  scorer: Scorer,
  candidates: CandidateLists,
  freeMentees: Int32Array,
  residualCapacity: Int32Array,
  maximizeMatched: boolean,
  tuning: { readonly insertSide?: 'auto' | 'mentees' | 'slots'; readonly slotColumnLimit?: number } = {}
): { assign: Int32Array; stats: OptimalStats } {
  const count = freeMentees.length;
  const previous = scorer.model.previousMentor;
  let keeping = false;
  for (const i of freeMentees) if (previous[i]! >= 0 && residualCapacity[previous[i]!]! > 0) keeping = true;
  // Without previous pairs: a > every possible number matched, so score comes first. With them, the count term b must
  // also outweigh every possible number of kept pairs (each worth 1), and a everything below it.
  const weights = (keep: boolean) => {
    const a = maximizeMatched || !keep ? count + 1 : (count + 2) * count + 1;
    return { a, b: maximizeMatched ? (scorer.maxScore * a + 1) * count + 2 : keep ? count + 1 : 1 };
  };
  // The tie-break is a courtesy: on a cohort too large for its sums to stay exact (tens of thousands of mentees), it is
  // dropped rather than failing the run (the summary still counts the pairs kept).
  const withKeeping = weights(true);
  if (keeping && (scorer.maxScore * withKeeping.a + withKeeping.b + 1) * count > Number.MAX_SAFE_INTEGER)
    keeping = false;
  const { a, b } = weights(keeping);
  if ((scorer.maxScore * a + b) * 8 > Number.MAX_SAFE_INTEGER)
    throw new Error('cohort too large for exact integer arithmetic');
  let lists = candidates;
  // Insert strong mentees first: they set the mentors' prices early, so a weaker mentee inserted later usually finds
  // its best move (often "stay unmatched") within a small Dijkstra radius. Any order gives the same optimum value.
  const insertion = Int32Array.from(freeMentees).sort((x, y) => {
    const bx = lists.start[x + 1]! > lists.start[x]! ? lists.score[lists.start[x]!]! : -1;
    const by = lists.start[y + 1]! > lists.start[y]! ? lists.score[lists.start[y]!]! : -1;
    return by - bx || x - y;
  });
  if (candidates.all) {
    // Insert from the scarcer side: the shortest-path solver is slow when the side it inserts competes for the last
    // few free places of the other side (each late insertion then needs a long chain of moves), and fast when free
    // places stay plentiful.
    let slots = 0;
    for (let j = 0; j < residualCapacity.length; j++) slots += residualCapacity[j]!;
    let placeable = 0;
    for (const i of freeMentees) if (candidates.all.start[i + 1]! > candidates.all.start[i]!) placeable++;
    const side = tuning.insertSide ?? 'auto';
    if (side === 'slots' || (side === 'auto' && slots < placeable)) {
      return solveOptimalBySlots(
        candidates.all,
        freeMentees,
        residualCapacity,
        a,
        b,
        tuning.slotColumnLimit ?? SLOT_COLUMN_LIMIT,
        keeping ? previous : null
      );
    }
    const bonus = keeping ? edgeBonus(candidates.all, freeMentees, previous) : undefined;
    return solveOptimalFull(
      bonus ? { ...candidates.all, bonus } : candidates.all,
      insertion,
      freeMentees,
      residualCapacity,
      a,
      b
    );
  }
  let rounds = 0;
  let rescored = 0;
  let settled = 0;
  for (;;) {
    rounds++;
    // The same lazy solver as on the full graph: the pruned rows are sorted best first too.
    const bonus = keeping ? edgeBonus(lists, freeMentees, previous) : undefined;
    const result = solveAssignmentFull(bonus ? { ...lists, bonus } : lists, insertion, residualCapacity, a, b);
    settled += result.settled;
    const { u, v } = result;
    // Check the certificate on the graph the solver saw: dual feasible, and dual objective = primal value.
    let dual = 0;
    for (const i of freeMentees) dual += u[i]!;
    for (let j = 0; j < v.length; j++) dual += residualCapacity[j]! * v[j]!;
    if (dual !== result.value) throw new Error(`internal error: dual ${dual} differs from primal ${result.value}`);
    for (const i of freeMentees) {
      for (let k = lists.start[i]!; k < lists.start[i + 1]!; k++) {
        const j = lists.mentor[k]!;
        if (residualCapacity[j]! > 0 && a * lists.score[k]! + b + (bonus ? bonus[k]! : 0) > u[i]! + v[j]!)
          throw new Error('internal error: infeasible dual');
      }
    }
    // Then against the pairs pruning left out.
    // Every pruned pair's mentor has v_j >= the smallest price among mentors with room to give.
    let minPrice = Infinity;
    for (let j = 0; j < v.length; j++) if (residualCapacity[j]! > 0 && v[j]! < minPrice) minPrice = v[j]!;
    if (minPrice === Infinity) minPrice = 0;
    const widened = new Map<number, { mentor: Int32Array; score: Int32Array; prunedMax: number }>();
    for (const i of freeMentees) {
      const best = lists.prunedMax[i]!;
      const mayKeep = keeping && previous[i]! >= 0 ? 1 : 0;
      if (best < 0 || a * best + b + mayKeep <= u[i]! + minPrice) continue;
      rescored++;
      const row = completeRow(scorer, lists, i);
      // Add only the pairs that violate the dual (plus those already kept); the rest stay pruned.
      const kept = new Set(lists.mentor.subarray(lists.start[i], lists.start[i + 1]));
      const addMentor: number[] = [];
      const addScore: number[] = [];
      let restMax = -1;
      for (let k = 0; k < row.mentor.length; k++) {
        const j = row.mentor[k]!;
        const sc = row.score[k]!;
        const worth = a * sc + b + (mayKeep && previous[i] === j ? 1 : 0);
        if (kept.has(j) || (residualCapacity[j]! > 0 && worth > u[i]! + v[j]!)) {
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
      return {
        assign: result.assign,
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
): { assign: Int32Array; stats: OptimalStats } {
  const result = solveAssignmentFull(all, insertion, residualCapacity, a, b);
  const { u, v } = result;
  let dual = 0;
  for (const i of freeMentees) dual += u[i]!;
  for (let j = 0; j < v.length; j++) dual += residualCapacity[j]! * v[j]!;
  if (dual !== result.value) throw new Error(`internal error: dual ${dual} differs from primal ${result.value}`);
  const { start, mentor, score, bonus } = all;
  for (const i of freeMentees) {
    const ui = u[i]!;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const j = mentor[k]!;
      if (residualCapacity[j]! > 0 && a * score[k]! + b + (bonus ? bonus[k]! : 0) > ui + v[j]!)
        throw new Error('internal error: infeasible dual');
    }
  }
  return {
    assign: result.assign,
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
  columnLimit: number,
  previous: Int32Array | null
): { assign: Int32Array; stats: OptimalStats } {
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
  const colBonus = previous ? new Uint8Array(edges) : undefined;
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
      if (colBonus && previous![i] === j) colBonus[at] = 1;
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
    { start: rowStart, end: rowEnd, mentor: colMentee, score: colScore, ...(colBonus ? { bonus: colBonus } : {}) },
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
      if (residualCapacity[j]! > 0 && a * score[k]! + b + (previous && previous[i] === j ? 1 : 0) > minU[j]! + vi) {
        // A pair below its mentor's cut could improve the result: solve again with whole columns (exact by itself).
        if (score[k]! < cut[j]! && columnLimit !== Infinity) {
          const again = solveOptimalBySlots(all, freeMentees, residualCapacity, a, b, Infinity, previous);
          return { assign: again.assign, stats: { ...again.stats, rounds: 2 } };
        }
        throw new Error('internal error: infeasible dual');
      }
    }
  }
  const assign = new Int32Array(n).fill(-1);
  for (let q = 0; q < slots; q++) if (result.assign[q]! >= 0) assign[result.assign[q]!] = rowMentor[q]!;
  return {
    assign,
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
