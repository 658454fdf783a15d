/**
 * Everything the forecaster reads, laid out once per dataset: the target series per community,
 * and per member the user features and their follow-graph average (user-features.ts), and
 * the windows (community, origin) the model trains and predicts on.
 *
 * Positions t index periods first + t. A window at origin t sees periods ≤ t only:
 *   scale s = mean(y[t-11..t]) + 1 (the +1 keeps quiet communities finite),
 *   lags    y[t-k] / s for k < LAGS, base = mean(y[t-11..t]) / s,
 *   season  one-hot of the origin's position in the season (month of year), if seasonal,
 *   target  y[t+h] / s for h = 1..H, masked where t+h is not observed yet.
 */
import type { Graph } from '../graph/graph';
import type { PeriodUnit } from '../communities/periods';
import { neighbourFeatures, userFeatures, USER_FEATURES } from './user-features';

export const LAGS = 12;

export interface ForecastData {
  unit: PeriodUnit;
  first: number;
  length: number;
  /** Season length in periods (12 for months), 0 for none. */
  seasonPeriod: number;
  /** Target per community, [C][length]. */
  series: Float64Array[];
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
  return { unit: src.unit, first: src.first, length, seasonPeriod: src.unit === 'month' ? 12 : 0, series: src.series, memberInputs, memberCommunity };
}

/** Model inputs for B windows, plus targets where observed. */
export interface Windows {
  community: Int32Array;
  origin: Int32Array;
  scale: Float32Array;
  base: Float32Array;
  /** [B, LAGS + seasonPeriod]. */
  context: Float32Array;
  /** [B, H]: y[t+h] / s, 0 where unobserved. */
  target: Float32Array;
  /** [B, H]: 1 where t+h ≤ observedUntil. */
  mask: Float32Array;
}

/** Windows at the given (community, origin) pairs; targets only up to position `observedUntil`. */
export function makeWindows(data: ForecastData, pairs: readonly { c: number; t: number }[], horizon: number, observedUntil: number): Windows {
  const B = pairs.length;
  const width = LAGS + data.seasonPeriod;
  const w: Windows = {
    community: Int32Array.from(pairs, (p) => p.c),
    origin: Int32Array.from(pairs, (p) => p.t),
    scale: new Float32Array(B),
    base: new Float32Array(B),
    context: new Float32Array(B * width),
    target: new Float32Array(B * horizon),
    mask: new Float32Array(B * horizon),
  };
  pairs.forEach(({ c, t }, i) => {
    const y = data.series[c];
    let sum = 0;
    for (let k = 0; k < 12; k++) sum += t - k >= 0 ? y[t - k] : 0;
    const mean = sum / 12;
    const s = mean + 1;
    w.scale[i] = s;
    w.base[i] = mean / s;
    for (let k = 0; k < LAGS; k++) w.context[i * width + k] = t - k >= 0 ? y[t - k] / s : 0;
    if (data.seasonPeriod) w.context[i * width + LAGS + ((data.first + t) % data.seasonPeriod)] = 1;
    for (let h = 1; h <= horizon; h++) {
      if (t + h <= observedUntil && t + h < data.length) {
        w.target[i * horizon + h - 1] = y[t + h] / s;
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
