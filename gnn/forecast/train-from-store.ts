/**
 * Training from the configured database: read the graph through the store's snapshot, detect
 * communities on the follow graph (ids kept stable against the current published run), describe
 * each (top categories, opinion leaders, label), count weekly engagement, and forecast each
 * community's weekly reviews H weeks past the last complete week. The forecaster is the one
 * backtested on Ciao, run as a short rolling-origin backtest over the last weeks so its
 * intervals are calibrated on forecasts it could not have peeked at; the metrics of those
 * weeks are the run's metrics. Published with the ensemble's weights (core/publish.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelRun, TrainingStore } from '../../src/store/contract';
import type { OnProgress } from '../core/progress';
import { publishTrained, type PublishOptions } from '../core/publish';
import { ensembleWeights } from '../core/registry';
import { readSnapshot } from '../core/snapshot';
import { detectCommunities, sizeDistribution } from './communities/detect';
import { engagementSeries, type EngagementEvent } from './communities/engagement';
import { communityLabel, insideFollowerCounts, opinionLeaders, topCategories } from './communities/label';
import { periodLabel, periodOf } from './communities/periods';
import { socialGraph } from './communities/social-graph';
import { assignStableIds, type Community } from './communities/stable-ids';
import { undirectedGraph } from '../core/graph/graph';
import { backtest, type BacktestOptions } from './backtest';
import { buildForecastData, LAGS } from './data';
import { evaluateBacktest } from './evaluate';
import { communityRows, type PublishedCommunity } from './published';

export interface TrainForecastOptions extends Omit<BacktestOptions, 'origins'> {
  resolution: number;
  minSize: number;
  minJaccard: number;
  /** Scored weeks before the last complete one (their forecasts calibrate the published intervals). */
  evaluationWeeks: number;
  /** The run's clock (epoch ms): its creation time and version. */
  now: number;
  /**
   * The data's clock: weeks before the one containing it are complete, and that week is the first
   * forecast. Default: just after the latest interaction, which is `now` on a live platform and
   * the end of the data in a static one (the demo seed ends at a fixed date).
   */
  asOf?: number;
}

/** Display names for labels. */
export interface NameLookup {
  categories(ids: readonly string[]): Promise<string[]>;
  users(ids: readonly string[]): Promise<string[]>;
}

export const ID_NAMES: NameLookup = { categories: async (ids) => [...ids], users: async (ids) => [...ids] };

/** Category names and user handles from the snapshot (read once, on first use). */
export function snapshotNames(store: TrainingStore): NameLookup {
  let names: Promise<{ categories: Map<string, string>; users: Map<string, string> }> | undefined;
  const load = async () => {
    const categories = new Map<string, string>();
    for await (const batch of store.snapshot.categories()) for (const c of batch) categories.set(c.id, c.name);
    const users = new Map<string, string>();
    for await (const batch of store.snapshot.users()) for (const u of batch) users.set(u.id, u.handle);
    return { categories, users };
  };
  return {
    async categories(ids) {
      const { categories } = await (names ??= load());
      return ids.map((id) => categories.get(id) ?? id);
    },
    async users(ids) {
      const { users } = await (names ??= load());
      return ids.map((id) => users.get(id) ?? id);
    },
  };
}

export interface TrainedForecast {
  run: ModelRun;
  modelDir: string;
  communities: PublishedCommunity[];
}

export async function trainForecastFromStore(
  store: TrainingStore,
  opts: TrainForecastOptions,
  publish: PublishOptions,
  backend: string,
  names: NameLookup = ID_NAMES,
  onProgress?: OnProgress,
): Promise<TrainedForecast> {
  const started = Date.now();
  const snapshot = await readSnapshot(store);
  const snap = socialGraph(snapshot);
  const previousRun = await store.models.current('forecast');
  const previous: Community[] = [];
  if (previousRun) {
    for await (const batch of store.models.rows('forecast', previousRun.version)) {
      for (const row of batch) previous.push({ id: row.entityId, members: (row.data as { members: string[] }).members });
    }
  }

  const followPairs = snap.follows.map((f) => [f.followerId, f.followeeId] as const);
  const detection = detectCommunities(followPairs, { resolution: opts.resolution, seed: opts.seed, minSize: opts.minSize }, snap.userIds);
  const { communities, lastIssued } = assignStableIds(detection.communities, previous, {
    minJaccard: opts.minJaccard,
    lastIssued: Number(previousRun?.metadata.lastIssued ?? 0),
  });
  const communityOf = new Map<string, number>();
  communities.forEach((c, i) => c.members.forEach((u) => communityOf.set(u, i)));

  // Weeks from the first event to the last complete one; the current week is what we forecast.
  const week = (at: number) => periodOf('week', at);
  const asOf = opts.asOf ?? snap.interactions.reduce((latest, i) => Math.max(latest, i.at + 1), 0);
  const lastComplete = week(Math.min(asOf, opts.now)) - 1;
  let first = lastComplete - LAGS;
  for (const { at } of snap.interactions) first = Math.min(first, week(at));
  const length = lastComplete - first + 1;
  const events: EngagementEvent[] = [
    ...snap.interactions.map((i) => ({ userId: i.userId, kind: i.kind, period: week(i.at) })),
    ...snap.follows.map((f) => ({ userId: f.followerId, kind: 'follow' as const, period: week(f.since) })),
  ];
  const engagement = engagementSeries(communityOf, communities.length, events, first, length);

  // Forecast inputs: weekly reviews per community; per-user activity = reviews and shares.
  const index = new Map(snap.userIds.map((u, k) => [u, k]));
  const activity = new Float32Array(snap.userIds.length * length);
  for (const i of snap.interactions) {
    const t = week(i.at) - first;
    if (t >= 0 && t < length) activity[index.get(i.userId)! * length + t]++;
  }
  const graph = undirectedGraph(
    snap.userIds.length,
    Int32Array.from(snap.follows, (f) => index.get(f.followerId)!),
    Int32Array.from(snap.follows, (f) => index.get(f.followeeId)!),
  );
  const series = engagement.map((e) => e.reviews);
  const data = buildForecastData({
    unit: 'week',
    first,
    length,
    series,
    members: communities.map((c) => Int32Array.from(c.members, (u) => index.get(u)!)),
    activity,
    graph,
  });
  const H = opts.model.horizon;
  const last = length - 1;
  const evalFrom = Math.max(LAGS, last - opts.evaluationWeeks);
  const origins = Array.from({ length: last - evalFrom + 1 }, (_, k) => evalFrom + k);
  let weights: tf.NamedTensorMap = {};
  const results = backtest(data, { ...opts, origins }, onProgress, (models) => {
    weights = tf.tidy(() => Object.fromEntries(Object.entries(ensembleWeights(models)).map(([name, w]) => [name, w.clone()])));
  });
  const metrics = evaluateBacktest(results, series, last, H, opts.coverage);
  const final = results[results.length - 1];

  const categoryCounts = new Map<string, Map<string, number>>();
  for (const i of snap.interactions) {
    const counts = categoryCounts.get(i.userId) ?? new Map<string, number>();
    counts.set(i.categoryId, (counts.get(i.categoryId) ?? 0) + 1);
    categoryCounts.set(i.userId, counts);
  }
  const published: PublishedCommunity[] = [];
  for (const [i, c] of communities.entries()) {
    const inside = insideFollowerCounts(c.members, followPairs);
    const leaders = opinionLeaders(c.members, (u) => inside.get(u) ?? 0);
    const cats = topCategories(c.members, categoryCounts);
    const e = engagement[i];
    published.push({
      id: c.id,
      label: communityLabel(await names.categories(cats), await names.users(leaders)),
      size: c.members.length,
      members: c.members,
      topCategories: cats,
      opinionLeaders: leaders,
      engagement: Array.from({ length }, (_, t) => ({
        period: periodLabel('week', first + t),
        reviews: e.reviews[t],
        shares: e.shares[t],
        follows: e.follows[t],
        activeMembers: e.activeMembers[t],
      })),
      forecast: Array.from({ length: H }, (_, h) => ({
        period: periodLabel('week', lastComplete + h + 1),
        expected: final.expected[i][h],
        low: final.low[i][h],
        high: final.high[i][h],
      })),
    });
  }

  try {
    const { run, modelDir } = await publishTrained(
      store,
      {
        kind: 'forecast',
        snapshot,
        weights,
        hyperParameters: { ...opts.model, epochs: opts.epochs, warmEpochs: opts.warmEpochs, refitEvery: opts.refitEvery, lr: opts.lr, trainWindow: opts.trainWindow, ensemble: opts.ensemble, seed: opts.seed },
        metrics: { weeks: origins.map((t) => periodLabel('week', first + t)), ...metrics },
        backend,
        trainSeconds: (Date.now() - started) / 1000,
        metadata: {
          unit: 'week',
          metric: 'reviews',
          horizon: H,
          asOf,
          lastCompletePeriod: periodLabel('week', lastComplete),
          lastIssued,
          previousVersion: previousRun?.version ?? null,
          detection: { resolution: opts.resolution, seed: opts.seed, minSize: opts.minSize, modularity: detection.modularity, sizes: sizeDistribution(detection.communities) },
          weeks: length,
        },
        rows: communityRows(published),
        createdAt: opts.now,
      },
      publish,
    );
    return { run, modelDir, communities: published };
  } finally {
    tf.dispose(Object.values(weights));
  }
}
