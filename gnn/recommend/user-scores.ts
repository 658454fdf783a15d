/**
 * A user's scores for every product at request time, as the offline pipeline computes them
 * (pipeline.ts: fittedScorer): the GNN's dot products with the folded-in user vector (fold-in.ts)
 * and, with a blend, DLAE's scores, each standardised over all products and summed as
 * w·GNN + (1−w)·DLAE (score-ensemble.ts).
 *
 * DLAE (dlae.ts) scores a training row x_u as −(K⁻¹X)_u. Products x' reviewed or shared since
 * training (or all of a user's products when the model does not know the user) are added through
 * B = Λ⁻¹XᵀK⁻¹X:
 *   s = −(K⁻¹X)_u + (Δx Λ⁻¹ Xᵀ) K⁻¹ X − Δx = vX − Δx,   v = K⁻¹(c − e_u),  c = XΛ⁻¹Δxᵀ,
 * c over the users who share a product with Δx. The exact form reads v off the published K⁻¹'s
 * rows, U + nnz(X) multiply-adds for an unchanged user (0.3M on Ciao) plus a row per user in c;
 * the CG form (cg-dlae.ts) solves for v, 10-15 products with K (bench/dlae-cg.ts).
 */
import { rowOf } from '../core/graph/csr';
import { solutionColumn, type GramSolver } from '../core/linalg/gram-solver';
import { addUserRows } from './dlae';
import { foldInUser } from './fold-in';
import type { PublishedDlae, PublishedRecommender } from './published';
import { dotAll } from './similarity';

export function userScores(m: PublishedRecommender, userId: string, productIds: readonly string[], followeeIds: readonly string[]): Float32Array | null {
  const vector = foldInUser(m, userId, productIds, followeeIds);
  if (!vector) return null;
  // With DLAE alone chosen (w = 0) the GNN's dot products would be weighted by 0; its fold-in
  // still decides whether the model has anything to go on for the user.
  const gnn = m.dlae && m.gnnWeight === 0 ? new Float32Array(m.productIds.length) : dotAll(m, vector);
  if (!m.dlae || m.gnnWeight === 1) return gnn;
  blendStandardised(gnn, dlaeScores(m.dlae, m, userId, productIds), m.gnnWeight);
  return gnn;
}

/**
 * DLAE's scores go to one buffer reused by every request: scoring is synchronous and they are
 * blended into the GNN's array before it returns, so no request sees another's (saves a 0.4 MB
 * allocation per request on Ciao, which the garbage collector paid for).
 */
let scratch = new Float32Array(0);

function zeroedScratch(n: number): Float32Array {
  if (scratch.length !== n) scratch = new Float32Array(n);
  else scratch.fill(0);
  return scratch;
}

function dlaeScores(d: PublishedDlae, m: PublishedRecommender, userId: string, productIds: readonly string[]): Float32Array {
  const numUsers = d.byUser.numRows;
  const row = m.userRow.get(userId);
  const trained = new Set(row === undefined ? [] : m.trainedProducts[row]);
  const added = productIds.flatMap((id) => (trained.has(id) ? [] : (m.productRow.get(id) ?? []))).sort((a, b) => a - b);
  const scores = zeroedScratch(m.productIds.length);
  // c − e_u, sparse: the right-hand side v solves for.
  const rhs = new Map<number, number>();
  if (row !== undefined) rhs.set(row, -1);
  for (const i of added) for (const w of rowOf(d.byItem, i)) rhs.set(w, (rhs.get(w) ?? 0) + d.lambdaInv[i]);
  if (d.solver) {
    addUserRows(scores, d.byUser, solveKept(d.solver, `${row ?? -1}:${added.join(',')}`, rhs), 0, 1, 1);
  } else {
    // K⁻¹ is symmetric: v = Σ_w rhs_w K⁻¹_w, rows of the published K⁻¹.
    const kInv = d.kInv!;
    const v = new Float64Array(numUsers);
    for (const [w, cw] of rhs) {
      const k = kInv.subarray(w * numUsers, (w + 1) * numUsers);
      for (let x = 0; x < numUsers; x++) v[x] += cw * k[x];
    }
    addUserRows(scores, d.byUser, v, 0, 1, 1);
  }
  for (const i of added) scores[i] -= 1;
  return scores;
}

/**
 * The CG form's recent solutions per model, v for a user row and the products added since
 * training, least recently used out first: a user with new activity who pages or filters is
 * solved once, not per request (55-85 ms each at 25,000 users). At most KEPT_FLOATS floats.
 */
const KEPT_FLOATS = 2 ** 23;
const kept = new WeakMap<GramSolver, Map<string, Float32Array>>();

function solveKept(solver: GramSolver, key: string, rhs: Map<number, number>): Float32Array {
  let solved = kept.get(solver);
  if (!solved) kept.set(solver, (solved = new Map()));
  let v = solved.get(key);
  if (v) solved.delete(key);
  else {
    v = solutionColumn(solver.solve([rhs]), 0);
    if ((solved.size + 1) * solver.n > KEPT_FLOATS) solved.delete(solved.keys().next().value!);
  }
  solved.set(key, v);
  return v;
}

/** Mean and population sd (+1e-12, as tf.moments in score-ensemble.ts) of x, in two passes. */
function moments(x: Float32Array): { mean: number; sd: number } {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    sq += d * d;
  }
  return { mean, sd: Math.sqrt(sq / n) + 1e-12 };
}

/** gnn ← w·(gnn − μ_g)/σ_g + (1−w)·(dlae − μ_d)/σ_d over all products, in one pass once both moments are known. */
function blendStandardised(gnn: Float32Array, dlae: Float32Array, w: number): void {
  const g = moments(gnn);
  const d = moments(dlae);
  const a = w / g.sd;
  const b = (1 - w) / d.sd;
  const c = -(a * g.mean + b * d.mean);
  for (let i = 0; i < gnn.length; i++) gnn[i] = a * gnn[i] + b * dlae[i] + c;
}
