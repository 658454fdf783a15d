/** Evaluate final embeddings against held-out items: full ranking with `exclude` masked, then metrics. */
import type * as tf from '@tensorflow/tfjs';
import { rowOf, type Csr } from '../graph/csr';
import { rankingMetrics, type RankingMetrics } from './metrics';
import { topKItems } from './rank';

export interface Evaluation {
  metrics: RankingMetrics;
  /** Users that have held-out items, in increasing id order. */
  users: Int32Array;
  /** Per evaluated user, the top max(ks) items best first. */
  ranked: Int32Array[];
}

export function evaluateRanking(
  embeddings: { users: tf.Tensor2D; items: tf.Tensor2D },
  truth: Csr,
  exclude: Csr,
  ks: number[],
): Evaluation {
  const users: number[] = [];
  for (let u = 0; u < truth.numRows; u++) if (truth.rowPtr[u + 1] > truth.rowPtr[u]) users.push(u);
  const query = Int32Array.from(users);
  const ranked = topKItems(embeddings.users, embeddings.items, query, exclude, Math.max(...ks));
  const metrics = rankingMetrics(ranked, users.map((u) => rowOf(truth, u)), ks);
  return { metrics, users: query, ranked };
}
