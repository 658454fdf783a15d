/**
 * The user's vector at query time, so that what happened after training counts at once: the
 * mean of the views we have of the user, as SocialLGN fuses an interaction view and a social view:
 *
 *   e'_u = mean( e_u,                      the trained embedding (users known to the model)
 *                mean_{i ∈ N(u)} e_i,      the products they reviewed or shared, new ones included
 *                mean_{f ∈ F(u)} e_f )     the people they follow (known to the model)
 *
 * over the views that exist. One step of the light graph convolution the model was trained with,
 * recomputed from the live graph. Returns null when there is nothing to go on.
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
  const parts = [
    row === undefined ? null : model.userEmb.subarray(row * dim, (row + 1) * dim),
    meanOf(rowsOf(productIds, model.productRow), model.productEmb, dim),
    meanOf(rowsOf(followeeIds, model.userRow), model.userEmb, dim),
  ].filter((p): p is Float32Array => p !== null);
  if (parts.length === 0) return null;
  const out = new Float32Array(dim);
  for (const p of parts) for (let d = 0; d < dim; d++) out[d] += p[d] / parts.length;
  return out;
}
