/**
 * Top-K ranking metrics with binary relevance, as in the LightGCN / SocialLGN evaluation code:
 *   Precision@K = hits / K,  Recall@K = hits / |test items|,
 *   NDCG@K = Σ_{r<K, hit} 1/log2(r+2)  /  Σ_{r<min(K,|test|)} 1/log2(r+2),
 * each averaged over the users that have at least one test item.
 */
export interface MetricsAtK {
  precision: number;
  recall: number;
  ndcg: number;
}

export type RankingMetrics = Record<number, MetricsAtK>;

/**
 * @param ranked per evaluated user, recommended items best first (at least max(ks) long unless fewer candidates exist)
 * @param truth per evaluated user, that user's held-out items (any order, non-empty)
 */
export function rankingMetrics(ranked: ArrayLike<number>[], truth: ArrayLike<number>[], ks: number[]): RankingMetrics {
  const out: RankingMetrics = {};
  const discount = (r: number) => 1 / Math.log2(r + 2);
  for (const k of ks) out[k] = { precision: 0, recall: 0, ndcg: 0 };
  for (let u = 0; u < ranked.length; u++) {
    const relevant = new Set(Array.from(truth[u]));
    const list = ranked[u];
    for (const k of ks) {
      let hits = 0;
      let dcg = 0;
      for (let r = 0; r < Math.min(k, list.length); r++) {
        if (relevant.has(list[r])) {
          hits++;
          dcg += discount(r);
        }
      }
      let idcg = 0;
      for (let r = 0; r < Math.min(k, relevant.size); r++) idcg += discount(r);
      const m = out[k];
      m.precision += hits / k;
      m.recall += hits / relevant.size;
      m.ndcg += dcg / idcg;
    }
  }
  for (const k of ks) {
    const m = out[k];
    const n = Math.max(1, ranked.length);
    out[k] = { precision: m.precision / n, recall: m.recall / n, ndcg: m.ndcg / n };
  }
  return out;
}

export function formatMetrics(metrics: RankingMetrics): string {
  return Object.entries(metrics)
    .map(([k, m]) => `P@${k} ${m.precision.toFixed(4)}  R@${k} ${m.recall.toFixed(4)}  NDCG@${k} ${m.ndcg.toFixed(4)}`)
    .join('\n');
}
