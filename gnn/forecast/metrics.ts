/**
 * Forecast accuracy over a backtest, per horizon h:
 *   MAE_h      = mean |ŷ − y| over (origin, community) pairs whose target is observed
 *   MASE_h     = mean of |ŷ − y| / scale, scale = in-sample MAE of the one-step naive forecast
 *                (mean |y[i] − y[i−1]|, i ≤ origin) of that community's series up to the origin
 *   coverage_h = share of targets inside [low, high]
 */
export interface ScoredForecast {
  community: number;
  origin: number;
  horizon: number;
  actual: number;
  expected: number;
  low?: number;
  high?: number;
}

export interface HorizonMetrics {
  mae: number[];
  mase: number[];
  count: number[];
}

/** In-sample one-step naive MAE of y[0..t]; 1 when the series is flat (no scale to compare to). */
export function naiveScale(y: ArrayLike<number>, t: number): number {
  let sum = 0;
  for (let i = 1; i <= t; i++) sum += Math.abs(y[i] - y[i - 1]);
  return t > 0 && sum > 0 ? sum / t : 1;
}

export function horizonMetrics(forecasts: readonly ScoredForecast[], series: readonly ArrayLike<number>[], horizon: number): HorizonMetrics {
  const out: HorizonMetrics = { mae: new Array(horizon).fill(0), mase: new Array(horizon).fill(0), count: new Array(horizon).fill(0) };
  const scales = new Map<string, number>();
  for (const f of forecasts) {
    const key = `${f.community}:${f.origin}`;
    let scale = scales.get(key);
    if (scale === undefined) scales.set(key, (scale = naiveScale(series[f.community], f.origin)));
    const e = Math.abs(f.expected - f.actual);
    out.mae[f.horizon - 1] += e;
    out.mase[f.horizon - 1] += e / scale;
    out.count[f.horizon - 1]++;
  }
  for (let h = 0; h < horizon; h++) {
    out.mae[h] /= out.count[h] || 1;
    out.mase[h] /= out.count[h] || 1;
  }
  return out;
}

/** Share of forecasts with low ≤ actual ≤ high, per horizon and overall. */
export function coverage(forecasts: readonly ScoredForecast[], horizon: number): { perHorizon: number[]; overall: number } {
  const inside = new Array(horizon).fill(0);
  const count = new Array(horizon).fill(0);
  for (const f of forecasts) {
    if (f.low === undefined || f.high === undefined) continue;
    count[f.horizon - 1]++;
    if (f.low <= f.actual && f.actual <= f.high) inside[f.horizon - 1]++;
  }
  const total = count.reduce((a, b) => a + b, 0);
  return { perHorizon: inside.map((n, h) => n / (count[h] || 1)), overall: inside.reduce((a, b) => a + b, 0) / (total || 1) };
}
