/** Evaluate a scorer against held-out items: full ranking with `exclude` masked, then metrics. */
import { rowOf, type Csr } from '../../core/graph/csr';
import { rankingMetrics, type RankingMetrics } from './metrics';
import { topKItems, type ItemScorer } from './rank';

export interface Evaluation {
  metrics: RankingMetrics;
  /** Users that have held-out items, in increasing id order. */
  users: Int32Array;
  /** Per evaluated user, the top max(ks) items best first. */
  ranked: Int32Array[];
}

export function evaluateRanking(
  scorer: ItemScorer,
  truth: Csr,
  exclude: Csr,
  ks: number[],
): Evaluation {
  const users: number[] = [];
  for (let u = 0; u < truth.numRows; u++) if (truth.rowPtr[u + 1] > truth.rowPtr[u]) users.push(u);
  const query = Int32Array.from(users);
  const ranked = topKItems(scorer, query, exclude, Math.max(...ks));
  const metrics = rankingMetrics(ranked, users.map((u) => rowOf(truth, u)), ks);
  return { metrics, users: query, ranked };
}
