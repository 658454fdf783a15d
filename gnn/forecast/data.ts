/**
 * Everything the forecaster reads, laid out once per dataset: the target series per community,
 * the whole platform's series and seasonal factors (season.ts), per member the user features and
 * their follow-graph average (user-features.ts), and the windows (community, origin) the model
 * trains and predicts on.
 *
 * Positions t index periods first + t. A window at origin t sees periods ≤ t only. With
 * x_k = log(1 + y[k]) − s_t(k), a series without the seasonal pattern as known at t:
 *   level     ℓ = exponential smoothing of x over the last LAGS periods (weight LEVEL_SMOOTHING
 *             on the newest): the multiplicative analogue of the naive baselines,
 *   dynamics  mean of x over the last k ∈ MEANS periods minus ℓ, for the community and for the
 *             platform (every graph node's events: shocks shared by all communities, which its
 *             level separates from lasting change),
 *   season    s_t(t) and s_t(t+h) for h = 1..H,
 *   target    y[t+h] for h = 1..H in raw counts, masked where t+h is not observed yet.
 * Everything is relative to log levels, so windows of communities of any size and of any year
 * are comparable and one model learns from all of them.
 */
import type { Graph } from '../core/graph/graph';
import type { PeriodUnit } from './communities/periods';
import { factorAt, seasonalFactors, type SeasonalFactors } from './season';
import { neighbourFeatures, userFeatures, USER_FEATURES } from './user-features';

/** Periods of history a window looks at: the level's span and the longest of MEANS. */
export const LAGS = 24;
const MEANS = [1, 3, 12, LAGS];
/** Chosen on the validation origins 2005-01..2007-12 (README): best on average of 0.3, 0.5 and 0.7 there. */
const LEVEL_SMOOTHING = 0.5;

export interface ForecastData {
  unit: PeriodUnit;
  first: number;
  length: number;
  /** Months have a yearly season; weeks none (period 0, all factors 0). */
  season: SeasonalFactors;
  /** Target per community, [C][length]. */
  series: Float64Array[];
  /** Events of every graph node per period: the whole graph's readout. */
  platform: Float64Array;
  /** Per member row: own then neighbours' features, [Nm, length, 2F] row-major. */
  memberInputs: Float32Array;
  /** Community of each member row, ascending. */
  memberCommunity: Int32Array;
}

export interface ForecastSource {
  unit: PeriodUnit;
  first: number;
  length: number;
  series: Float64Array[];
  /** Graph node indices of each community's members (disjoint). */
  members: Int32Array[];
  /** Events per graph node per period, [N, length]: the activity features are made from. */
  activity: Float32Array;
  graph: Graph;
}

export function buildForecastData(src: ForecastSource): ForecastData {
  const { graph, length } = src;
  const F = USER_FEATURES;
  const own = userFeatures(src.activity, graph.numNodes, length);
  const neighbours = neighbourFeatures(graph, own, length * F);
  const rows = src.members.reduce((n, m) => n + m.length, 0);
  const memberInputs = new Float32Array(rows * length * 2 * F);
  const memberCommunity = new Int32Array(rows);
  let r = 0;
  src.members.forEach((members, c) => {
    for (const u of members) {
      memberCommunity[r] = c;
      for (let t = 0; t < length; t++) {
        const to = (r * length + t) * 2 * F;
        const from = (u * length + t) * F;
        memberInputs.set(own.subarray(from, from + F), to);
        memberInputs.set(neighbours.subarray(from, from + F), to + F);
      }
      r++;
    }
  });
  const total = new Float64Array(length);
  for (let u = 0; u < graph.numNodes; u++) for (let t = 0; t < length; t++) total[t] += src.activity[u * length + t];
  const season = seasonalFactors(total, src.first, length, src.unit === 'month' ? 12 : 0);
  return { unit: src.unit, first: src.first, length, season, platform: total, series: src.series, memberInputs, memberCommunity };
}

/** Model inputs for B windows, plus targets where observed. */
export interface Windows {
  community: Int32Array;
  origin: Int32Array;
  /** ℓ: smoothed seasonally adjusted log level at the origin. */
  level: Float32Array;
  /** e^ℓ, the window's size in counts: normalises the loss and the conformal scores. */
  scale: Float32Array;
  /** [B, H]: log seasonal factor of each target period, s_t(t + h). */
  season: Float32Array;
  /** [B, contextWidth(H)]. */
  context: Float32Array;
  /** [B, H]: raw counts y[t+h], 0 where unobserved. */
  target: Float32Array;
  /** [B, H]: 1 where t+h ≤ observedUntil. */
  mask: Float32Array;
}

/** The context's leading columns: the community's and the platform's means relative to their levels. */
export const DYNAMICS = 2 * MEANS.length;

export function contextWidth(horizon: number): number {
  return DYNAMICS + 1 + horizon;
}

/** ℓ and the means of x over the last k ∈ MEANS periods minus ℓ, of a series as seen at t. */
function levelAndMeans(y: ArrayLike<number>, t: number, s: (k: number) => number): { level: number; means: number[] } {
  const x = (k: number) => (k >= 0 ? Math.log1p(y[k]) - s(k) : 0);
  const from = Math.max(0, t - LAGS + 1);
  let level = x(from);
  for (let k = from + 1; k <= t; k++) level += LEVEL_SMOOTHING * (x(k) - level);
  const means = MEANS.map((n) => {
    let sum = 0;
    for (let k = t - n + 1; k <= t; k++) sum += x(k);
    return sum / n - level;
  });
  return { level, means };
}

/** Windows at the given (community, origin) pairs; targets only up to position `observedUntil`. */
export function makeWindows(data: ForecastData, pairs: readonly { c: number; t: number }[], horizon: number, observedUntil: number): Windows {
  const B = pairs.length;
  const width = contextWidth(horizon);
  const w: Windows = {
    community: Int32Array.from(pairs, (p) => p.c),
    origin: Int32Array.from(pairs, (p) => p.t),
    level: new Float32Array(B),
    scale: new Float32Array(B),
    season: new Float32Array(B * horizon),
    context: new Float32Array(B * width),
    target: new Float32Array(B * horizon),
    mask: new Float32Array(B * horizon),
  };
  const platform = new Map<number, number[]>();
  pairs.forEach(({ c, t }, i) => {
    const y = data.series[c];
    const s = (k: number) => factorAt(data.season, t, k, data.first);
    const { level, means } = levelAndMeans(y, t, s);
    let platformMeans = platform.get(t);
    if (!platformMeans) platform.set(t, (platformMeans = levelAndMeans(data.platform, t, s).means));
    w.level[i] = level;
    w.scale[i] = Math.exp(level);
    const row = w.context.subarray(i * width, (i + 1) * width);
    row.set(means);
    row.set(platformMeans, MEANS.length);
    row[DYNAMICS] = s(t);
    for (let h = 1; h <= horizon; h++) {
      w.season[i * horizon + h - 1] = row[DYNAMICS + h] = s(t + h);
      if (t + h <= observedUntil && t + h < data.length) {
        w.target[i * horizon + h - 1] = y[t + h];
        w.mask[i * horizon + h - 1] = 1;
      }
    }
  });
  return w;
}

/** Every (community, origin) in [from, to] with at least one observed target by `observedUntil`. */
export function trainingPairs(data: ForecastData, from: number, observedUntil: number): { c: number; t: number }[] {
  const pairs: { c: number; t: number }[] = [];
  for (let t = Math.max(from, 0); t < observedUntil; t++) for (let c = 0; c < data.series.length; c++) pairs.push({ c, t });
  return pairs;
}
