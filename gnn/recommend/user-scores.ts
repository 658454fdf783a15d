/**
 * A user's scores for every product at request time, as the offline pipeline computes them
 * (pipeline.ts: fittedScorer): the GNN's dot products with the folded-in user vector (fold-in.ts)
 * and, with a blend, DLAE's scores, each standardised over all products and summed as
 * w·GNN + (1−w)·DLAE (score-ensemble.ts).
 *
 * DLAE (dlae.ts) scores a training row x_u as −(K⁻¹X)_u: one row of K⁻¹ times the sparse X, about
 * U + nnz(X) multiply-adds (0.3M on Ciao). Products x' reviewed or shared since training (or all of a
 * user's products when the model does not know the user) are added through B = Λ⁻¹XᵀK⁻¹X:
 *   s = −(K⁻¹X)_u + (Δx Λ⁻¹ Xᵀ) K⁻¹ X − Δx,
 * which costs one K⁻¹ row per user who shares a product with Δx. The bounded form (local-dlae.ts)
 * scores a known, unchanged user from its published neighbourhood solution, and anyone else by
 * solving their neighbourhood for their current products: O(Σ n_i + k³/6) per request.
 */
import { rowOf } from '../core/graph/csr';
import { addLocalScores, localRow } from './local-dlae';
import { foldInUser } from './fold-in';
import type { PublishedDlae, PublishedRecommender } from './published';
import { dotAll } from './similarity';

export function userScores(m: PublishedRecommender, userId: string, productIds: readonly string[], followeeIds: readonly string[]): Float32Array | null {
  const vector = foldInUser(m, userId, productIds, followeeIds);
  if (!vector) return null;
  const gnn = dotAll(m, vector);
  if (!m.dlae || m.gnnWeight === 1) return gnn;
  const dlae = dlaeScores(m.dlae, m, userId, productIds);
  const out = new Float32Array(gnn.length);
  addStandardised(out, gnn, m.gnnWeight);
  addStandardised(out, dlae, 1 - m.gnnWeight);
  return out;
}

function dlaeScores(d: PublishedDlae, m: PublishedRecommender, userId: string, productIds: readonly string[]): Float32Array {
  const numUsers = d.byUser.numRows;
  const row = m.userRow.get(userId);
  const trained = new Set(row === undefined ? [] : m.trainedProducts[row]);
  const added = productIds.flatMap((id) => (trained.has(id) ? [] : (m.productRow.get(id) ?? [])));
  if (d.local) return localScores(d, d.local, m, row, added);
  const kInv = d.kInv!;
  // v = −K⁻¹_u + (Δx Λ⁻¹ Xᵀ) K⁻¹, a vector over training users; K⁻¹ is symmetric.
  const v = new Float64Array(numUsers);
  if (row !== undefined) {
    const k = kInv.subarray(row * numUsers, (row + 1) * numUsers);
    for (let w = 0; w < numUsers; w++) v[w] = -k[w];
  }
  const c = new Map<number, number>();
  for (const i of added) for (const w of rowOf(d.byItem, i)) c.set(w, (c.get(w) ?? 0) + d.lambdaInv[i]);
  for (const [w, cw] of c) {
    const k = kInv.subarray(w * numUsers, (w + 1) * numUsers);
    for (let x = 0; x < numUsers; x++) v[x] += cw * k[x];
  }
  // s = vX − Δx, accumulated as the offline scorer does (dlae.ts: score).
  const scores = new Float32Array(m.productIds.length);
  for (let w = 0; w < numUsers; w++) {
    const vw = v[w];
    if (vw === 0) continue;
    for (let p = d.byUser.rowPtr[w]; p < d.byUser.rowPtr[w + 1]; p++) scores[d.byUser.cols[p]] += vw;
  }
  for (const i of added) scores[i] -= 1;
  return scores;
}

/** The bounded form: the published solution while the user's products are those it was trained with, else solved afresh. */
function localScores(d: PublishedDlae, local: NonNullable<PublishedDlae['local']>, m: PublishedRecommender, row: number | undefined, added: number[]): Float32Array {
  const trained = row === undefined ? new Int32Array(0) : rowOf(d.byUser, row);
  const items = added.length ? Int32Array.from(new Set([...trained, ...added])).sort() : trained;
  const solution = row !== undefined && !added.length ? local.rows[row] : localRow(d, items, row ?? -1, local.neighbours);
  const scores = new Float32Array(m.productIds.length);
  addLocalScores(scores, d, solution, items);
  return scores;
}

/** out += weight · (x − mean(x)) / sd(x), over all products (population sd, as tf.moments). */
function addStandardised(out: Float32Array, x: Float32Array, weight: number): void {
  if (weight === 0) return;
  let sum = 0;
  for (const v of x) sum += v;
  const mean = sum / x.length;
  let sq = 0;
  for (const v of x) sq += (v - mean) ** 2;
  const sd = Math.sqrt(sq / x.length) + 1e-12;
  for (let i = 0; i < x.length; i++) out[i] += (weight * (x[i] - mean)) / sd;
}
