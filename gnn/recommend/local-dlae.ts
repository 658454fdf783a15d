/**
 * DLAE restricted to each user's neighbourhood: the bounded form of dlae.ts for when the dual
 * form's users × users K⁻¹ (U² memory, U³ time) does not fit. For a query row x (a user's items):
 *   N = the k training users w (other than the user) with the largest K entry x Λ⁻¹ x_wᵀ,
 *   K_N = I + X_N Λ⁻¹ X_Nᵀ over [x; X_N]   ((k+1) × (k+1)),   z = K_N⁻¹ e₀,
 *   score(x) = −(z₀ x + Σ_a z_a X_{N_a}),
 * i.e. −(K⁻¹X)_u with K cut to the user and the neighbours who share the most (Λ-weighted) items
 * with them: DLAE's item weights estimated from those users. With every co-rating user as a
 * neighbour it equals the exact form on users connected to the query only through them
 * (tests/gnn/recommend/local-dlae.test.ts). Memory O(U·k); time O(Σ_i n_i² + U·k³/6).
 * The same function scores at request time (user-scores.ts) from the published neighbours and
 * weights, or from scratch for a user whose products changed since training, so served scores
 * equal offline ones.
 */
import * as tf from '@tensorflow/tfjs';
import { buildCsr, rowOf, type Csr } from '../core/graph/csr';
import { dlaePenalty, type DlaeHyperParams } from './dlae';
import type { PairList } from './graph';

/** The training matrix as both DLAE forms and serving read it. */
export interface DlaeMatrix {
  byUser: Csr;
  byItem: Csr;
  /** 1/Λ_i per item. */
  lambdaInv: Float32Array;
}

/** One query's solution: its neighbours (training user rows) and z, z[0] the query row's own weight. */
export interface LocalRow {
  neighbours: Int32Array;
  /** [1 + neighbours.length]. */
  weights: Float32Array;
}

/** Scratch arrays reused across queries (sized to the matrix). */
class Workspace {
  readonly acc: Float64Array;
  readonly userStamp: Int32Array;
  readonly itemStamp: Int32Array;
  readonly itemCount: Int32Array;
  readonly itemStart: Int32Array;
  gen = 0;
  constructor(numUsers: number, numItems: number) {
    this.acc = new Float64Array(numUsers);
    this.userStamp = new Int32Array(numUsers);
    this.itemStamp = new Int32Array(numItems);
    this.itemCount = new Int32Array(numItems);
    this.itemStart = new Int32Array(numItems);
  }
}

const workspaces = new WeakMap<DlaeMatrix, Workspace>();

/** The neighbourhood solution for the item rows `items` (sorted, distinct); `self` (−1: none) is never its own neighbour. */
export function localRow(m: DlaeMatrix, items: Int32Array, self: number, k: number): LocalRow {
  let ws = workspaces.get(m);
  if (!ws) workspaces.set(m, (ws = new Workspace(m.byUser.numRows, m.byItem.numRows)));
  const gen = ++ws.gen;
  const { acc, userStamp } = ws;
  // K's row for x: acc[w] = Σ_{i ∈ x ∩ x_w} 1/Λ_i.
  const touched: number[] = [];
  for (const i of items) {
    const li = m.lambdaInv[i];
    for (const w of rowOf(m.byItem, i)) {
      if (w === self) continue;
      if (userStamp[w] !== gen) {
        userStamp[w] = gen;
        acc[w] = 0;
        touched.push(w);
      }
      acc[w] += li;
    }
  }
  const neighbours = Int32Array.from(topByWeight(touched, acc, k)).sort();
  const n = neighbours.length + 1;
  // K_N = I + X_N Λ⁻¹ X_Nᵀ, row/column 0 the query: per item, the neighbours that have it.
  const kn = new Float64Array(n * n);
  for (let a = 0; a < n; a++) kn[a * n + a] = 1;
  neighbours.forEach((w, a) => {
    kn[a + 1] += acc[w];
    kn[(a + 1) * n] += acc[w];
  });
  const { itemStamp, itemCount, itemStart } = ws;
  const seen: number[] = [];
  for (const w of neighbours)
    for (const i of rowOf(m.byUser, w)) {
      if (itemStamp[i] !== gen) {
        itemStamp[i] = gen;
        itemCount[i] = 0;
        seen.push(i);
      }
      itemCount[i]++;
    }
  let total = 0;
  for (const i of seen) {
    itemStart[i] = total;
    total += itemCount[i];
    itemCount[i] = 0;
  }
  const owners = new Int32Array(total);
  neighbours.forEach((w, a) => {
    for (const i of rowOf(m.byUser, w)) owners[itemStart[i] + itemCount[i]++] = a + 1;
  });
  for (const i of seen) {
    const c = itemCount[i];
    const li = m.lambdaInv[i];
    const s = itemStart[i];
    for (let p = 0; p < c; p++) {
      const rowA = owners[s + p] * n;
      kn[rowA + owners[s + p]] += li;
      for (let q = p + 1; q < c; q++) {
        kn[rowA + owners[s + q]] += li;
        kn[owners[s + q] * n + owners[s + p]] += li;
      }
    }
  }
  let self2 = 0;
  for (const i of items) self2 += m.lambdaInv[i];
  kn[0] += self2;
  return { neighbours, weights: Float32Array.from(solveFirstColumn(kn, n)) };
}

/** The k entries of `ids` with the largest `weight` (ties: the lower id), in any order. */
function topByWeight(ids: number[], weight: Float64Array, k: number): number[] {
  if (ids.length <= k) return ids;
  const better = (a: number, b: number) => weight[a] > weight[b] || (weight[a] === weight[b] && a < b);
  // Min-heap of the best k so far (root: the worst kept).
  const heap: number[] = [];
  const down = (p: number) => {
    for (;;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < heap.length && better(heap[m], heap[l])) m = l;
      if (r < heap.length && better(heap[m], heap[r])) m = r;
      if (m === p) return;
      [heap[p], heap[m]] = [heap[m], heap[p]];
      p = m;
    }
  };
  for (const id of ids) {
    if (heap.length < k) {
      heap.push(id);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!better(heap[p], heap[c])) break;
        [heap[p], heap[c]] = [heap[c], heap[p]];
        c = p;
      }
    } else if (better(id, heap[0])) {
      heap[0] = id;
      down(0);
    }
  }
  return heap;
}

/** K⁻¹e₀ for an SPD K (row-major n × n, overwritten) by Cholesky: K = LLᵀ, then two triangular solves. */
function solveFirstColumn(kn: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = kn[j * n + j];
    for (let p = 0; p < j; p++) d -= kn[j * n + p] ** 2;
    const ljj = Math.sqrt(d);
    kn[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = kn[i * n + j];
      for (let p = 0; p < j; p++) s -= kn[i * n + p] * kn[j * n + p];
      kn[i * n + j] = s / ljj;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = i === 0 ? 1 : 0;
    for (let p = 0; p < i; p++) s -= kn[i * n + p] * y[p];
    y[i] = s / kn[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let p = i + 1; p < n; p++) s -= kn[p * n + i] * y[p];
    y[i] = s / kn[i * n + i];
  }
  return y;
}

/** out −= z₀·x + Σ_a z_a X_{N_a}: the scores of `row` for the query items `items`. */
export function addLocalScores(out: Float32Array, m: DlaeMatrix, row: LocalRow, items: Int32Array): void {
  const z0 = row.weights[0];
  for (const i of items) out[i] -= z0;
  row.neighbours.forEach((w, a) => {
    const z = row.weights[a + 1];
    for (const i of rowOf(m.byUser, w)) out[i] -= z;
  });
}

export class LocalDlae implements DlaeMatrix {
  readonly byUser: Csr;
  readonly byItem: Csr;
  readonly lambdaInv: Float32Array;
  /** Per training user, its neighbourhood solution: what is published (published.ts). */
  readonly rows: LocalRow[];

  constructor(numUsers: number, readonly numItems: number, interactions: PairList, readonly hp: DlaeHyperParams, readonly neighbours: number) {
    this.byUser = buildCsr(numUsers, interactions.a, interactions.b);
    this.byItem = buildCsr(numItems, interactions.b, interactions.a);
    this.lambdaInv = dlaePenalty(this.byItem, hp);
    this.rows = Array.from({ length: numUsers }, (_, u) => localRow(this, rowOf(this.byUser, u), u, neighbours));
  }

  /** Scores of every item for `users`, [users.length, numItems]. */
  score(users: Int32Array): tf.Tensor2D {
    const out = new Float32Array(users.length * this.numItems);
    users.forEach((u, r) => addLocalScores(out.subarray(r * this.numItems, (r + 1) * this.numItems), this, this.rows[u], rowOf(this.byUser, u)));
    return tf.tensor2d(out, [users.length, this.numItems]);
  }
}
