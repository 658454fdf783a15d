/**
 * Split-conformal widening of quantile intervals (conformalised quantile regression, Romano et
 * al. 2019). Quantiles fitted in-sample are too narrow out of sample; forecasts made at earlier
 * origins, once their targets are observed, give conformity scores
 *   E = max(low − y, y − high) / scale        (negative when y is well inside)
 * and the interval is moved out (or in) by the ⌈(n+1)·coverage⌉-th smallest score times scale,
 * which covers a new target with probability ≥ coverage if scores are exchangeable.
 */
export function conformityScore(low: number, high: number, actual: number, scale: number): number {
  return Math.max(low - actual, actual - high) / scale;
}

/** The margin to add to both ends (in units of scale); 0 when there are no scores yet. */
export function conformalMargin(scores: readonly number[], coverage: number): number {
  if (scores.length === 0) return 0;
  const sorted = [...scores].sort((a, b) => a - b);
  const k = Math.min(sorted.length, Math.ceil((sorted.length + 1) * coverage));
  return sorted[k - 1];
}
