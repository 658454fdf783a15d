/**
 * Rolling-origin backtest: at each origin t (a position, the last observed period) the model is
 * trained on windows whose targets are ≤ t only, then forecasts t+1..t+H for every community.
 * Refits happen every `refitEvery` origins and start from the previous weights (warm start), the
 * first one from scratch with `epochs`, later ones with `warmEpochs`. Intervals are widened by
 * split-conformal calibration (calibrate.ts) on the scores of earlier origins' forecasts whose
 * targets are observed by t; `warmupOrigins` extra origins before the first one are run only
 * to collect those scores and are not returned.
 */
import { noProgress, type OnProgress } from '../core/progress';
import { conformalMargin, conformityScore } from './calibrate';
import { BASELINES, BASELINE_NAMES, type BaselineName } from './baselines';
import { makeWindows, trainingPairs, type ForecastData } from './data';
import { CommunityForecaster, type ForecasterConfig, type Quantiles } from './model';
import { fitForecaster } from './train';

export interface BacktestOptions {
  /** Origins as positions into the data, ascending. */
  origins: number[];
  model: ForecasterConfig;
  epochs: number;
  warmEpochs: number;
  lr: number;
  refitEvery: number;
  /** Training windows start this many periods before the origin. */
  trainWindow: number;
  warmupOrigins: number;
  /** Models trained from different seeds whose quantiles are averaged (variance reduction). */
  ensemble: number;
  /** Conformal scores kept per horizon: the most recent ones. */
  calibrationSize: number;
  /** Nominal coverage of [low, high]. */
  coverage: number;
  seed: number;
}

export interface OriginForecast {
  origin: number;
  /** [C][H] raw counts. */
  expected: number[][];
  low: number[][];
  high: number[][];
  baselines: Record<BaselineName, number[][]>;
}

/** `onFitted` sees the models as they are after the last origin's fit, before they are freed. */
export function backtest(
  data: ForecastData,
  opts: BacktestOptions,
  onProgress: OnProgress = noProgress,
  onFitted?: (models: readonly CommunityForecaster[]) => void,
): OriginForecast[] {
  const H = opts.model.horizon;
  const C = data.series.length;
  const first = opts.origins[0];
  const origins = [...Array.from({ length: opts.warmupOrigins }, (_, k) => first - opts.warmupOrigins + k).filter((t) => t > 0), ...opts.origins];
  const models = Array.from({ length: opts.ensemble }, (_, k) => new CommunityForecaster(data, opts.model, opts.seed + 1000 * k));
  const raw: { origin: number; low: Float32Array; high: Float32Array; scale: Float32Array }[] = [];
  const out: OriginForecast[] = [];
  try {
    origins.forEach((t, k) => {
      if (k % opts.refitEvery === 0) {
        const train = makeWindows(data, trainingPairs(data, t - opts.trainWindow, t), H, t);
        for (const model of models) fitForecaster(model, train, { epochs: k === 0 ? opts.epochs : opts.warmEpochs, lr: opts.lr });
      }
      const now = makeWindows(data, Array.from({ length: C }, (_, c) => ({ c, t })), H, -1);
      const q = averageQuantiles(models.map((m) => m.predict(now)));
      const margins = Array.from({ length: H }, (_, h) => conformalMargin(scoresFor(data.series, raw, h + 1, t, H, opts.calibrationSize), opts.coverage));
      raw.push({ origin: t, low: q.low, high: q.high, scale: now.scale });
      if (t < first) return;
      // Reported to a thousandth of a count, so a reader of the numbers sees exactly what was scored.
      const grid = (f: (c: number, h: number) => number) => Array.from({ length: C }, (_, c) => Array.from({ length: H }, (_, h) => Math.round(f(c, h) * 1000) / 1000));
      out.push({
        origin: t,
        expected: grid((c, h) => q.median[c * H + h]),
        low: grid((c, h) => Math.max(0, q.low[c * H + h] - margins[h] * now.scale[c])),
        high: grid((c, h) => Math.max(0, q.high[c * H + h] + margins[h] * now.scale[c])),
        baselines: Object.fromEntries(BASELINE_NAMES.map((b) => [b, grid((c, h) => BASELINES[b](data.series[c], t, h + 1))])) as Record<BaselineName, number[][]>,
      });
      const done = out.length;
      const total = opts.origins.length;
      onProgress({ task: 'origins', done, total, note: `${done}/${total}`, finished: done === total });
    });
    onFitted?.(models);
  } finally {
    for (const model of models) model.dispose();
  }
  return out;
}

function averageQuantiles(qs: Quantiles[]): Quantiles {
  const mean = (pick: (q: Quantiles) => Float32Array) => pick(qs[0]).map((_, i) => qs.reduce((s, q) => s + pick(q)[i], 0) / qs.length);
  return { low: mean((q) => q.low), median: mean((q) => q.median), high: mean((q) => q.high) };
}

/** Conformity scores at horizon h of the latest earlier forecasts whose target (origin + h) is ≤ t. */
function scoresFor(
  series: readonly Float64Array[],
  raw: readonly { origin: number; low: Float32Array; high: Float32Array; scale: Float32Array }[],
  h: number,
  t: number,
  H: number,
  keep: number,
): number[] {
  const scores: number[] = [];
  for (let k = raw.length - 1; k >= 0 && scores.length < keep; k--) {
    const r = raw[k];
    if (r.origin + h > t) continue;
    for (let c = 0; c < series.length; c++) {
      const i = c * H + h - 1;
      scores.push(conformityScore(r.low[i], r.high[i], series[c][r.origin + h], r.scale[c]));
    }
  }
  return scores;
}
