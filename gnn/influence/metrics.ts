/**
 * Ranking quality of scores against graded truth (true future influence), over one user set.
 *   NDCG@K      = Σ_{r<K} g(top_r) / log2(r+2)  ÷  the same over the true order, with gain g = the
 *                 true influence value (linear, not 2^g − 1);
 *   Precision@K = |top K by score ∩ top K by truth| / K;
 *   Spearman    = Pearson correlation of the two rank vectors, ties sharing their average rank.
 * Orders break ties by position in the user list (callers keep users sorted by id), so the
 * independent evaluator (bench/eval-influence.mjs) can reproduce them exactly.
 */
export interface InfluenceMetrics {
  ndcg: number;
  precision: number;
  spearman: number;
}

export function influenceMetrics(score: ArrayLike<number>, truth: ArrayLike<number>, k: number): InfluenceMetrics {
  const byScore = descending(score);
  const byTruth = descending(truth);
  const kk = Math.min(k, byScore.length);
  let dcg = 0;
  let idcg = 0;
  for (let r = 0; r < kk; r++) {
    dcg += truth[byScore[r]] / Math.log2(r + 2);
    idcg += truth[byTruth[r]] / Math.log2(r + 2);
  }
  const trueTop = new Set(byTruth.subarray(0, kk));
  let overlap = 0;
  for (let r = 0; r < kk; r++) if (trueTop.has(byScore[r])) overlap++;
  return { ndcg: idcg > 0 ? dcg / idcg : 0, precision: overlap / k, spearman: pearson(averageRanks(score), averageRanks(truth)) };
}

/** Positions sorted by value, highest first; ties by position. */
export function descending(values: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
}

/** 1-based ascending ranks, tied values sharing the mean of their ranks. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let t = i; t <= j; t++) ranks[order[t]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}
