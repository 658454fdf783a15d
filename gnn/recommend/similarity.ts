/** Dot products and cosines against a published model's product embeddings. */
import type { PublishedRecommender } from './published';

/** ⟨v, e_p⟩ for every product p. */
export function dotAll(m: PublishedRecommender, v: Float32Array): Float32Array {
  const out = new Float32Array(m.productIds.length);
  for (let p = 0; p < out.length; p++) {
    let s = 0;
    for (let d = 0; d < m.dim; d++) s += v[d] * m.productEmb[p * m.dim + d];
    out[p] = s;
  }
  return out;
}

/** cos(e_p, e_q) for every product q. */
export function cosineAll(m: PublishedRecommender, p: number): Float32Array {
  const dots = dotAll(m, productVector(m, p));
  for (let q = 0; q < dots.length; q++) dots[q] /= m.productNorm[p] * m.productNorm[q] || 1;
  return dots;
}

/** cos(e_p, e_q) for one pair of products. */
export function cosine(m: PublishedRecommender, p: number, q: number): number {
  let s = 0;
  for (let d = 0; d < m.dim; d++) s += m.productEmb[p * m.dim + d] * m.productEmb[q * m.dim + d];
  return s / (m.productNorm[p] * m.productNorm[q] || 1);
}

export function productVector(m: PublishedRecommender, p: number): Float32Array {
  return m.productEmb.subarray(p * m.dim, (p + 1) * m.dim);
}
