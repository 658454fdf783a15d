/**
 * The offline backtest on Ciao: Louvain communities on the trust graph (detected once on the
 * whole graph: trust edges have no timestamps, so the graph cannot be cut at each origin), monthly
 * reviews written by each community's members, and the rolling-origin backtest of the forecaster
 * against the naive baselines. Returns the report (communities and forecasts, checkable by
 * bench/eval-forecast.mjs) and the metrics.
 */
import type { OnProgress } from '../../core/progress';
import { readCiao } from '../../core/ciao';
import { undirectedGraph } from '../../core/graph/graph';
import { detectCommunities, sizeDistribution } from '../communities/detect';
import { assignStableIds } from '../communities/stable-ids';
import { parsePeriod, periodLabel, periodOf } from '../communities/periods';
import { backtest, type BacktestOptions } from '../backtest';
import { buildForecastData } from '../data';
import { evaluateBacktest, type BacktestMetrics } from '../evaluate';
import type { ForecasterConfig } from '../model';

export interface CiaoBacktestOptions extends Omit<BacktestOptions, 'origins' | 'model'> {
  reviews: string;
  trust: string;
  /** First and last origin, "YYYY-MM". */
  start: string;
  end: string;
  model: ForecasterConfig;
  resolution: number;
  minSize: number;
}

export interface ForecastReport {
  communities: Record<string, number[]>;
  forecasts: Record<string, Record<string, { expected: number[]; low: number[]; high: number[] }>>;
}

export interface CiaoBacktestResult {
  report: ForecastReport;
  metrics: BacktestMetrics;
  communities: ReturnType<typeof sizeDistribution> & { modularity: number; trustUsers: number };
}

export function runCiaoBacktest(opts: CiaoBacktestOptions, onProgress?: OnProgress): CiaoBacktestResult {
  const log = readCiao(opts.reviews, opts.trust);
  const ids = log.userIds;
  const follows = Array.from(log.followFrom, (a, k) => [ids[a], ids[log.followTo[k]]] as const);
  const detection = detectCommunities(follows, { resolution: opts.resolution, seed: opts.seed, minSize: opts.minSize });
  const { communities } = assignStableIds(detection.communities, []);

  const index = new Map(ids.map((id, u) => [id, u]));
  const graph = undirectedGraph(ids.length, log.followFrom, log.followTo);
  const month = (k: number) => periodOf('month', log.actTime[k]);
  // Actions are sorted by time.
  const first = month(0);
  const last = month(log.actTime.length - 1);
  // The last month is cut short by the end of the crawl: it is never a target.
  const observedUntil = last - 1 - first;
  const length = last - first + 1;
  const activity = new Float32Array(ids.length * length);
  for (let k = 0; k < log.actUser.length; k++) activity[log.actUser[k] * length + month(k) - first]++;
  const members = communities.map((c) => Int32Array.from(c.members, (u) => index.get(u)!));
  const series = members.map((m) => {
    const y = new Float64Array(length);
    for (const u of m) for (let t = 0; t < length; t++) y[t] += activity[u * length + t];
    return y;
  });
  const data = buildForecastData({
    unit: 'month',
    first,
    length,
    series,
    members,
    activity,
    graph,
  });

  const from = parsePeriod('month', opts.start) - first;
  const to = parsePeriod('month', opts.end) - first;
  if (from < 12 || to < from || to > observedUntil) {
    throw new Error(`origins ${opts.start}..${opts.end} must lie after a year of data and by ${periodLabel('month', observedUntil + first)}`);
  }
  const origins = Array.from({ length: to - from + 1 }, (_, k) => from + k);
  const results = backtest(data, { ...opts, origins }, onProgress);

  return {
    report: {
      communities: Object.fromEntries(communities.map((c) => [c.id, c.members.map(Number)])),
      forecasts: Object.fromEntries(
        results.map((r) => [
          periodLabel('month', r.origin + first),
          Object.fromEntries(
            communities.map((c, i) => [c.id, { expected: r.expected[i], low: r.low[i], high: r.high[i] }]),
          ),
        ]),
      ),
    },
    metrics: evaluateBacktest(results, series, observedUntil, opts.model.horizon, opts.coverage),
    communities: { ...sizeDistribution(detection.communities), modularity: detection.modularity, trustUsers: new Set([...log.followFrom, ...log.followTo]).size },
  };
}
