/**
 * Observed influence, the quantity the model predicts and the evaluation scores against.
 *
 * Influence of user u over a period = the number of distinct (follower f, product p) pairs with
 *   - f follows u (since at or before f's action; Ciao has no follow times: always),
 *   - u acted on p (review or share) at t_u with actorFrom < t_u ≤ actorTo,
 *   - f acted on p at t_f with t_u < t_f ≤ min(t_u + window, followerTo).
 * Each pair is counted once, at its earliest (t_u, t_f). Evaluation after a cutoff c uses
 * (c, ∞, ∞); a training label at a snapshot c' < c uses (c', c, c) (see pipeline.ts), so every
 * label is observable at c.
 */
import type { ActivityLog } from '../core/activity-log';

export interface InfluencePeriod {
  actorFrom: number;
  actorTo: number;
  followerTo: number;
  windowMs: number;
}

export interface InfluencePair {
  influencer: number;
  follower: number;
  product: number;
  influencerAt: number;
  followerAt: number;
}

/** Action indices grouped by product (each group in time order): group p is order[start[p] .. start[p+1]). */
export interface ProductGroups {
  start: Int32Array;
  order: Int32Array;
}

export function groupByProduct(log: ActivityLog): ProductGroups {
  const numProducts = log.productIds.length;
  const start = new Int32Array(numProducts + 1);
  for (const p of log.actProduct) start[p + 1]++;
  for (let p = 0; p < numProducts; p++) start[p + 1] += start[p];
  const fill = start.slice(0, numProducts);
  const order = new Int32Array(log.actProduct.length);
  // Actions are time-sorted, so a stable counting sort keeps each group in time order.
  for (let k = 0; k < log.actProduct.length; k++) order[fill[log.actProduct[k]]++] = k;
  return { start, order };
}

/** follower·numUsers + followee → earliest `since`. */
export function followIndex(log: ActivityLog): Map<number, number> {
  const n = log.userIds.length;
  const since = new Map<number, number>();
  for (let k = 0; k < log.followFrom.length; k++) {
    const key = log.followFrom[k] * n + log.followTo[k];
    since.set(key, Math.min(since.get(key) ?? Infinity, log.followSince[k]));
  }
  return since;
}

export function forEachInfluencePair(
  log: ActivityLog,
  period: InfluencePeriod,
  visit: (pair: InfluencePair) => void,
  groups: ProductGroups = groupByProduct(log),
  follows: Map<number, number> = followIndex(log),
): void {
  const n = log.userIds.length;
  const hasFollowers = new Uint8Array(n);
  for (const u of log.followTo) hasFollowers[u] = 1;
  const { actUser, actTime } = log;
  const seen = new Set<number>();
  for (let p = 0; p + 1 < groups.start.length; p++) {
    const end = groups.start[p + 1];
    seen.clear();
    for (let i = groups.start[p]; i < end; i++) {
      const a = groups.order[i];
      const u = actUser[a];
      const tu = actTime[a];
      if (tu <= period.actorFrom || tu > period.actorTo || !hasFollowers[u]) continue;
      const last = Math.min(tu + period.windowMs, period.followerTo);
      for (let j = i + 1; j < end; j++) {
        const b = groups.order[j];
        const tf = actTime[b];
        if (tf > last) break;
        const f = actUser[b];
        if (tf === tu || f === u) continue;
        const since = follows.get(f * n + u);
        if (since === undefined || since > tf || seen.has(u * n + f)) continue;
        seen.add(u * n + f);
        visit({ influencer: u, follower: f, product: p, influencerAt: tu, followerAt: tf });
      }
    }
  }
}

/** Influence per user (indexed like log.userIds) over the period. */
export function influenceCounts(log: ActivityLog, period: InfluencePeriod, groups?: ProductGroups, follows?: Map<number, number>): Float64Array {
  const counts = new Float64Array(log.userIds.length);
  forEachInfluencePair(log, period, (pair) => counts[pair.influencer]++, groups, follows);
  return counts;
}
