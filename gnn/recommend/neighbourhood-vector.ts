/**
 * A user's vector from its neighbourhood alone, one step of the light graph convolution the model
 * is trained with:
 *   v_u = mean over the views present of (mean_{i ∈ N(u)} e_i, mean_{f ∈ F(u)} e_f),
 * N(u) the user's products (rows of `productEmb`), F(u) the users it follows (rows of `userEmb`),
 * both tables row-major [n, dim]. Serving scores a user the model was not trained on with it
 * (fold-in.ts); bench/recommend-cold-validation.ts compares it with the trained vector of users
 * with few products. Null when u has neither products nor followees.
 */
export function neighbourhoodVector(productRows: ArrayLike<number>, productEmb: Float32Array, followeeRows: ArrayLike<number>, userEmb: Float32Array, dim: number): Float32Array | null {
  const views = [meanOf(productRows, productEmb, dim), meanOf(followeeRows, userEmb, dim)].filter((v): v is Float32Array => v !== null);
  if (views.length === 0) return null;
  const out = new Float32Array(dim);
  for (const v of views) for (let d = 0; d < dim; d++) out[d] += v[d] / views.length;
  return out;
}

function meanOf(rows: ArrayLike<number>, table: Float32Array, dim: number): Float32Array | null {
  if (rows.length === 0) return null;
  const out = new Float32Array(dim);
  for (let k = 0; k < rows.length; k++) for (let d = 0; d < dim; d++) out[d] += table[rows[k] * dim + d];
  for (let d = 0; d < dim; d++) out[d] /= rows.length;
  return out;
}
