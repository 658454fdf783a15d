/**
 * The user's vector at query time, so that what happened after training counts at once.
 *
 *   e'_u = ½·e_u + ½·mean_{i ∈ N(u)} e_i      known user with interactions
 *   e'_u = mean_{i ∈ N(u)} e_i                 user unknown to the model, with interactions
 *   e'_u = mean_{f ∈ F(u)} e_f                 no interactions, follows known users (social)
 *   (½·e_u + ½·mean_f e_f for a known user whose interactions are all gone)
 *
 * N(u) is the user's current reviewed or shared products (training-time and new ones alike),
 * F(u) the users they follow. This is one step of the light graph convolution the model was
 * trained with (a user's embedding aggregates its neighbours'), recomputed from the live graph.
 * Returns null when there is nothing to go on.
 */
import type { PublishedRecommender } from './published';

function meanOf(rows: number[], table: Float32Array, dim: number): Float32Array | null {
  if (rows.length === 0) return null;
  const out = new Float32Array(dim);
  for (const r of rows) for (let d = 0; d < dim; d++) out[d] += table[r * dim + d];
  for (let d = 0; d < dim; d++) out[d] /= rows.length;
  return out;
}

function rowsOf(ids: readonly string[], index: Map<string, number>): number[] {
  return ids.flatMap((id) => {
    const r = index.get(id);
    return r === undefined ? [] : [r];
  });
}

export function foldInUser(
  model: PublishedRecommender,
  userId: string,
  productIds: readonly string[],
  followeeIds: readonly string[],
): Float32Array | null {
  const { dim } = model;
  const row = model.userRow.get(userId);
  const own = row === undefined ? null : model.userEmb.subarray(row * dim, (row + 1) * dim);
  const neighbours =
    meanOf(rowsOf(productIds, model.productRow), model.productEmb, dim) ??
    meanOf(rowsOf(followeeIds, model.userRow), model.userEmb, dim);
  if (!own) return neighbours;
  if (!neighbours) return Float32Array.from(own);
  return own.map((v, d) => 0.5 * v + 0.5 * neighbours[d]);
}
