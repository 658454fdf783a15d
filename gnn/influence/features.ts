/**
 * What the graph looked like at a time c: node features per user and the two graphs the GNN
 * propagates over, built from actions and follows at or before c only (nothing later leaks in).
 *
 * Features (one row per user, log1p of counts unless said): followers, followees, actions,
 * actions in the last period P and in the last P/4, past influence in the last P and before
 * it, followers engaged in the last P, followers active in the last P, their actions in the
 * last P, days since first and since last action, log(N·PageRank), earliness (share of actions
 * among a product's first 3), then the category mix (share of actions per category).
 * Columns are z-scored over the users active before c, so snapshots at different times are comparable.
 */
import type { ActivityLog } from '../core/activity-log';
import { DAY_MS } from '../core/activity-log';
import { followIndex, forEachInfluencePair, groupByProduct, influenceCounts, type ProductGroups } from './ground-truth';
import { pageRank } from './pagerank';

export const BASE_FEATURES = [
  'followers', 'followees', 'actions', 'actionsPeriod', 'actionsRecent', 'influencePeriod', 'influenceOlder',
  'followersEngaged', 'followersActive', 'followerActions', 'daysSinceFirst', 'daysSinceLast', 'pageRank', 'earliness',
] as const;

/** Everything about a log that does not depend on the time c, computed once. */
export interface LogIndex {
  log: ActivityLog;
  groups: ProductGroups;
  follows: Map<number, number>;
}

export function indexLog(log: ActivityLog): LogIndex {
  return { log, groups: groupByProduct(log), follows: followIndex(log) };
}

export interface Snapshot {
  time: number;
  numUsers: number;
  numProducts: number;
  /** Users with an action before `time`: the ones scored and evaluated. */
  active: Int32Array;
  /** [numUsers, numFeatures] row-major, z-scored. */
  features: Float32Array;
  numFeatures: number;
  /** Follow edges in force at `time`, follower → followee. */
  followFrom: Int32Array;
  followTo: Int32Array;
  /** Actions at or before `time`. */
  actUser: Int32Array;
  actProduct: Int32Array;
  /** Raw (unscaled) signals the baselines and explanations use. */
  raw: { followers: Float64Array; actions: Float64Array; actionsPeriod: Float64Array; pastInfluence: Float64Array; pageRank: Float64Array; categoryActions: Float64Array };
}

export function snapshotAt(index: LogIndex, time: number, periodMs: number, windowMs: number): Snapshot {
  const { log, groups, follows } = index;
  const n = log.userIds.length;
  const numCategories = log.categoryIds.length;
  const edges = followsAt(log, time);
  const numActs = upperBound(log.actTime, time);
  const actUser = log.actUser.subarray(0, numActs);
  const actProduct = log.actProduct.subarray(0, numActs);

  const followers = new Float64Array(n);
  const followees = new Float64Array(n);
  edges.from.forEach((f, k) => {
    followees[f]++;
    followers[edges.to[k]]++;
  });
  const actions = new Float64Array(n);
  const actionsPeriod = new Float64Array(n);
  const actionsRecent = new Float64Array(n);
  const first = new Float64Array(n).fill(NaN);
  const last = new Float64Array(n).fill(NaN);
  const categoryActions = new Float64Array(n * numCategories);
  for (let k = 0; k < numActs; k++) {
    const u = actUser[k];
    const t = log.actTime[k];
    actions[u]++;
    if (t > time - periodMs) actionsPeriod[u]++;
    if (t > time - periodMs / 4) actionsRecent[u]++;
    if (Number.isNaN(first[u])) first[u] = t;
    last[u] = t;
    categoryActions[u * numCategories + log.productCategory[actProduct[k]]]++;
  }
  const early = new Float64Array(n);
  for (let p = 0; p + 1 < groups.start.length; p++) {
    for (let i = groups.start[p]; i < Math.min(groups.start[p + 1], groups.start[p] + 3); i++) {
      const a = groups.order[i];
      if (log.actTime[a] <= time) early[log.actUser[a]]++;
    }
  }
  const recentPeriod = { actorFrom: time - periodMs, actorTo: time, followerTo: time, windowMs };
  const pastInfluence = influenceCounts(log, recentPeriod, groups, follows);
  const allInfluence = influenceCounts(log, { ...recentPeriod, actorFrom: -Infinity }, groups, follows);
  const engaged = new Set<number>();
  forEachInfluencePair(log, recentPeriod, (p) => engaged.add(p.influencer * n + p.follower), groups, follows);
  const followersEngaged = new Float64Array(n);
  for (const key of engaged) followersEngaged[Math.floor(key / n)]++;
  const followersActive = new Float64Array(n);
  const followerActions = new Float64Array(n);
  edges.from.forEach((f, k) => {
    if (actionsPeriod[f] > 0) followersActive[edges.to[k]]++;
    followerActions[edges.to[k]] += actionsPeriod[f];
  });
  const pr = pageRank(n, edges.from, edges.to);

  const active = Int32Array.from(Array.from({ length: n }, (_, u) => u).filter((u) => first[u] < time));
  const numFeatures = BASE_FEATURES.length + numCategories;
  const features = new Float32Array(n * numFeatures);
  const days = (ms: number) => Math.log1p(Math.max(0, ms) / DAY_MS);
  for (let u = 0; u < n; u++) {
    const row = [
      followers[u], followees[u], actions[u], actionsPeriod[u], actionsRecent[u], pastInfluence[u], allInfluence[u] - pastInfluence[u],
      followersEngaged[u], followersActive[u], followerActions[u],
    ].map(Math.log1p);
    const seen = actions[u] > 0;
    row.push(seen ? days(time - first[u]) : 0, seen ? days(time - last[u]) : days(time - log.actTime[0]), Math.log(n * pr[u]), seen ? early[u] / actions[u] : 0);
    for (let c = 0; c < numCategories; c++) row.push(seen ? categoryActions[u * numCategories + c] / actions[u] : 0);
    features.set(row, u * numFeatures);
  }
  standardize(features, numFeatures, active);
  return {
    time, numUsers: n, numProducts: log.productIds.length, active, features, numFeatures,
    followFrom: edges.from, followTo: edges.to, actUser, actProduct,
    raw: { followers, actions, actionsPeriod, pastInfluence, pageRank: pr, categoryActions },
  };
}

function followsAt(log: ActivityLog, time: number): { from: Int32Array; to: Int32Array } {
  const keep: number[] = [];
  log.followSince.forEach((s, k) => s <= time && keep.push(k));
  return { from: Int32Array.from(keep, (k) => log.followFrom[k]), to: Int32Array.from(keep, (k) => log.followTo[k]) };
}

/** Number of sorted values ≤ x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** z-score each column using the statistics of `rows`; constant columns become 0. */
function standardize(x: Float32Array, cols: number, rows: Int32Array): void {
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (const r of rows) mean += x[r * cols + c] / rows.length;
    let variance = 0;
    for (const r of rows) variance += (x[r * cols + c] - mean) ** 2 / rows.length;
    const sd = Math.sqrt(variance);
    for (let r = 0; r < x.length / cols; r++) x[r * cols + c] = sd > 0 ? (x[r * cols + c] - mean) / sd : 0;
  }
}
