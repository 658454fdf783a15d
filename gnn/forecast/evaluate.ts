/**
 * Scores a backtest against the observed series: MAE and MASE per horizon for the model and every
 * baseline, the best baseline per horizon, the model's relative improvement over it, and the
 * empirical coverage of the model's intervals. Targets after `observedUntil` are not scored.
 */
import type { OriginForecast } from './backtest';
import { BASELINE_NAMES } from './baselines';
import { coverage, horizonMetrics, type HorizonMetrics, type ScoredForecast } from './metrics';

export interface BacktestMetrics {
  model: HorizonMetrics;
  baselines: Record<string, HorizonMetrics>;
  bestBaseline: string[];
  /** 1 − model MAE / best baseline MAE, per horizon. */
  improvement: number[];
  coverage: { nominal: number; perHorizon: number[]; overall: number };
}

export function evaluateBacktest(
  results: readonly OriginForecast[],
  series: readonly ArrayLike<number>[],
  observedUntil: number,
  horizon: number,
  nominal: number,
): BacktestMetrics {
  const scored = (pick: (r: OriginForecast, c: number, h: number) => number, withInterval: boolean): ScoredForecast[] =>
    results.flatMap((r) =>
      series.flatMap((y, c) =>
        Array.from({ length: horizon }, (_, h) => h)
          .filter((h) => r.origin + h + 1 <= observedUntil)
          .map((h) => ({
            community: c,
            origin: r.origin,
            horizon: h + 1,
            actual: y[r.origin + h + 1],
            expected: pick(r, c, h),
            ...(withInterval ? { low: r.low[c][h], high: r.high[c][h] } : {}),
          })),
      ),
    );
  const modelScored = scored((r, c, h) => r.expected[c][h], true);
  const model = horizonMetrics(modelScored, series, horizon);
  const baselines = Object.fromEntries(BASELINE_NAMES.map((b) => [b, horizonMetrics(scored((r, c, h) => r.baselines[b][c][h], false), series, horizon)]));
  const bestBaseline = Array.from({ length: horizon }, (_, h) => BASELINE_NAMES.reduce((best, b) => (baselines[b].mae[h] < baselines[best].mae[h] ? b : best)));
  return {
    model,
    baselines,
    bestBaseline,
    improvement: bestBaseline.map((b, h) => 1 - model.mae[h] / baselines[b].mae[h]),
    coverage: { nominal, ...coverage(modelScored, horizon) },
  };
}
