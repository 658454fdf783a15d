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
 * the CG form (cg-dlae.ts) solves for v, 10-15 products with K (bench/dlae-cg.ts), on a worker
 * thread (core/linalg/gram-solver-thread.ts) while the server answers other requests.
 */
import { rowOf } from '../core/graph/csr';
import type { GramSolverThread } from '../core/linalg/gram-solver-thread';
import { addUserRows } from './dlae';
import { foldInUser } from './fold-in';
import type { PublishedDlae, PublishedRecommender } from './published';
import { dotAll } from './similarity';

export async function userScores(m: PublishedRecommender, userId: string, productIds: readonly string[], followeeIds: readonly string[]): Promise<Float32Array | null> {
  const vector = foldInUser(m, userId, productIds, followeeIds);
  if (!vector) return null;
  if (!m.dlae || m.gnnWeight === 1) return dotAll(m, vector);
  const { added, v } = await dlaeSolution(m.dlae, m, userId, productIds);
  // From here on synchronous: the scratch buffer is this request's until the blend returns.
  // With DLAE alone chosen (w = 0) the GNN's dot products would be weighted by 0; its fold-in
  // still decided whether the model has anything to go on for the user.
  const gnn = m.gnnWeight === 0 ? new Float32Array(m.productIds.length) : dotAll(m, vector);
  const dlae = zeroedScratch(m.productIds.length);
  addUserRows(dlae, m.dlae.byUser, v, 0, 1, 1);
  for (const i of added) dlae[i] -= 1;
  blendStandardised(gnn, dlae, m.gnnWeight);
  return gnn;
}

/**
 * DLAE's scores go to one buffer reused by every request: it is filled and blended into the GNN's
 * array without an await in between, so no request sees another's (saves a 0.4 MB allocation per
 * request on Ciao, which the garbage collector paid for).
 */
let scratch = new Float32Array(0);

function zeroedScratch(n: number): Float32Array {
  if (scratch.length !== n) scratch = new Float32Array(n);
  else scratch.fill(0);
  return scratch;
}

/** The product rows added since training (Δx) and v = K⁻¹(c − e_u): DLAE's scores are vX − Δx. */
async function dlaeSolution(d: PublishedDlae, m: PublishedRecommender, userId: string, productIds: readonly string[]): Promise<{ added: number[]; v: ArrayLike<number> }> {
  const row = m.userRow.get(userId);
  const trained = new Set(row === undefined ? [] : m.trainedProducts[row]);
  const added = productIds.flatMap((id) => (trained.has(id) ? [] : (m.productRow.get(id) ?? []))).sort((a, b) => a - b);
  // c − e_u, sparse: the right-hand side v solves for.
  const rhs = new Map<number, number>();
  if (row !== undefined) rhs.set(row, -1);
  for (const i of added) for (const w of rowOf(d.byItem, i)) rhs.set(w, (rhs.get(w) ?? 0) + d.lambdaInv[i]);
  if (d.solver) return { added, v: await solveKept(d, d.solver, `${row ?? -1}:${added.join(',')}`, rhs) };
  // K⁻¹ is symmetric: v = Σ_w rhs_w K⁻¹_w, rows of the published K⁻¹.
  const numUsers = d.byUser.numRows;
  const kInv = d.kInv!;
  const v = new Float64Array(numUsers);
  for (const [w, cw] of rhs) {
    const k = kInv.subarray(w * numUsers, (w + 1) * numUsers);
    for (let x = 0; x < numUsers; x++) v[x] += cw * k[x];
  }
  return { added, v };
}

/**
 * The CG form's recent solutions per model, v for a user row and the products added since
 * training, least recently used out first: a user with new activity who pages or filters is
 * solved once, not per request (42-56 ms each at 25,000 users), and the same request arriving
 * twice at once shares one solve. At most KEPT_FLOATS floats.
 */
const KEPT_FLOATS = 2 ** 23;
const kept = new WeakMap<PublishedDlae, Map<string, Promise<Float32Array>>>();

function solveKept(d: PublishedDlae, solver: GramSolverThread, key: string, rhs: Map<number, number>): Promise<Float32Array> {
  const solved = kept.get(d) ?? new Map<string, Promise<Float32Array>>();
  kept.set(d, solved);
  let v = solved.get(key);
  if (v) solved.delete(key);
  else {
    v = solver.solve(rhs);
    // A failed solve is not kept: the next request tries again.
    v.catch(() => solved.get(key) === v && solved.delete(key));
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
