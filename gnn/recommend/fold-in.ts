/**
 * The user's GNN vector at query time, so that what happened after training counts at once.
 *
 * A user the model was trained on keeps its trained embedding e_u while nothing changed (so the
 * API scores exactly as the offline pipeline did, tests/gnn/recommend/parity.test.ts); products
 * reviewed or shared and people followed since training are averaged in as a running mean, e_u
 * standing for the n_u interactions and follows it was trained on:
 *   e'_u = (max(1, n_u)·e_u + Σ_{new products} e_i + Σ_{new followees} e_f) / (max(1, n_u) + #new).
 * A user the model does not know gets the mean of the views we have (neighbourhood-vector.ts):
 * mean(mean_{i ∈ N(u)} e_i, mean_{f ∈ F(u)} e_f).
 * Returns null when there is nothing to go on.
 */
import { neighbourhoodVector } from './neighbourhood-vector';
import type { PublishedRecommender } from './published';

function rowsOf(ids: readonly string[], index: Map<string, number>, except: ReadonlySet<string> = new Set()): number[] {
  return ids.flatMap((id) => {
    const r = except.has(id) ? undefined : index.get(id);
    return r === undefined ? [] : [r];
  });
}

export function foldInUser(model: PublishedRecommender, userId: string, productIds: readonly string[], followeeIds: readonly string[]): Float32Array | null {
  const { dim } = model;
  const row = model.userRow.get(userId);
  if (row === undefined) return neighbourhoodVector(rowsOf(productIds, model.productRow), model.productEmb, rowsOf(followeeIds, model.userRow), model.userEmb, dim);
  const trained = model.userEmb.subarray(row * dim, (row + 1) * dim);
  const newProducts = rowsOf(productIds, model.productRow, new Set(model.trainedProducts[row]));
  const newFollowees = rowsOf(followeeIds, model.userRow, new Set(model.trainedFollowees[row]));
  if (newProducts.length + newFollowees.length === 0) return trained;
  const weight = Math.max(1, model.trainedProducts[row].length + model.trainedFollowees[row].length);
  const out = new Float32Array(dim);
  for (let d = 0; d < dim; d++) out[d] = weight * trained[d];
  for (const p of newProducts) for (let d = 0; d < dim; d++) out[d] += model.productEmb[p * dim + d];
  for (const f of newFollowees) for (let d = 0; d < dim; d++) out[d] += model.userEmb[f * dim + d];
  const total = weight + newProducts.length + newFollowees.length;
  for (let d = 0; d < dim; d++) out[d] /= total;
  return out;
}

/**
 * Whether user `row`'s products and followees, as far as the model knows them, are exactly those
 * it was trained with: then its served scores are the trained ones (foldInUser returns the trained
 * vector, DLAE scores the trained row) and its own products are the training ones.
 */
export function asTrained(model: PublishedRecommender, row: number, productIds: readonly string[], followeeIds: readonly string[]): boolean {
  const trained = new Set(model.trainedProducts[row]);
  const known = new Set(productIds.filter((id) => model.productRow.has(id)));
  if (known.size !== trained.size || [...known].some((id) => !trained.has(id))) return false;
  const follows = new Set(model.trainedFollowees[row]);
  return followeeIds.every((id) => follows.has(id) || !model.userRow.has(id));
}
