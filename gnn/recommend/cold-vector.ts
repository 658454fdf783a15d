/**
 * How the GNN vector of a user with few interactions is formed. Training fits every user's vector
 * e_u for as many epochs as warm users need (35-170 on Ciao and LastFM), which for a user with
 * three products mostly fits those three:
 *  - 'trained':       e_u as trained;
 *  - 'neighbourhood': v_u (neighbourhood-vector.ts), from the user's products and, in a social
 *                     model, the users it follows: what serving gives a user it was not trained on;
 *  - 'mean':          ½(e_u + v_u).
 * Only users with at most COLD_USER_MAX training interactions are affected. On simulated cold
 * users (bench/recommend-cold-validation.ts: warm users keep 3 or 5 products; docs/recommend.md)
 * at the served epoch counts, 'neighbourhood' lifts Ciao's best blend by 5-10% and costs LastFM's
 * social model 1-3%, and 'mean' is never below 'trained', so 'mean' is the default. The pipeline's
 * validation holds no cold user, so it cannot choose among them per graph.
 */
import { degree, rowOf, type Csr } from '../core/graph/csr';
import { neighbourhoodVector } from './neighbourhood-vector';

export const COLD_VECTORS = ['trained', 'neighbourhood', 'mean'] as const;
export type ColdVector = (typeof COLD_VECTORS)[number];

/** The cold users: at most this many training interactions. */
export const COLD_USER_MAX = 5;

/**
 * The cold users of `products` (each user's products, a Csr: de-duplicated, so a product reviewed
 * and shared counts once, as the evaluation counts distinct training items).
 */
export function coldUsers(products: Csr): Int32Array {
  return Int32Array.from({ length: products.numRows }, (_, u) => u).filter((u) => degree(products, u) <= COLD_USER_MAX);
}

/**
 * The user table [numUsers, dim] (row-major, a copy) with the rows of `users` formed as `kind`
 * says, v_u computed from the trained tables; `followees` null leaves follows out (the non-social
 * model). A user with neither products nor followees keeps e_u.
 */
export function coldUserTable(
  kind: ColdVector,
  userEmb: Float32Array,
  itemEmb: Float32Array,
  dim: number,
  users: Iterable<number>,
  products: Csr,
  followees: Csr | null,
): Float32Array {
  const table = userEmb.slice();
  if (kind === 'trained') return table;
  for (const u of users) {
    const v = neighbourhoodVector(rowOf(products, u), itemEmb, followees ? rowOf(followees, u) : [], userEmb, dim);
    if (v) for (let d = 0; d < dim; d++) table[u * dim + d] = kind === 'neighbourhood' ? v[d] : (userEmb[u * dim + d] + v[d]) / 2;
  }
  return table;
}
