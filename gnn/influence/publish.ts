/**
 * What the API shows about a user's influence, computed once at training time so serving is a
 * page read. Per user active before the cutoff:
 *   score       predicted influence over the next period (expected follower reactions);
 *   rank        1 = most influential (ties by user id), percentile = % of users ranked below;
 *   byCategory  the user's top categories: score × the user's share of that category (its actions
 *               plus the influence it had there before the cutoff), ranked among that category's users;
 *   explanation followers at the cutoff, followers who reacted in the last period, top categories
 *               and the most recent reactions (product, follower, days later).
 * Reactions may be shares a viewer may not see, so the explanation also keeps `reactions`: every
 * reaction of the last period plus the most recent ones, from which the API counts and shows only
 * what its viewer may see (src/graphql/resolvers/influence.ts).
 */
import type { ModelOutputRow } from '../../src/store/contract';
import type { ActivityLog } from '../core/activity-log';
import { DAY_MS } from '../core/activity-log';
import { compareIds } from './offline/evaluate';
import type { LogIndex } from './features';
import { forEachInfluencePair, type InfluencePair } from './ground-truth';
import type { InfluenceRun } from './pipeline';

export const TOP_CATEGORIES = 3;
export const EXAMPLES = 3;
/** Recent reactions kept beyond the last period's, so hidden ones still leave EXAMPLES to show. */
export const EXAMPLE_CANDIDATES = 20;

export interface Reaction {
  productId: string;
  followerId: string;
  daysLater: number;
  /** In the last period: counts towards followersEngaged. */
  recent: boolean;
}

export interface CategoryInfluence {
  categoryId: string;
  score: number;
  rank: number;
}

export interface InfluenceData {
  score: number;
  rank: number;
  percentile: number;
  byCategory: CategoryInfluence[];
  explanation: {
    followersReached: number;
    followersEngaged: number;
    topCategories: string[];
    examples: { productId: string; followerId: string; daysLater: number }[];
    /** Newest first; absent in runs published before it existed. */
    reactions?: Reaction[];
  };
}

export function influenceRows(index: LogIndex, run: InfluenceRun, periodMs: number, windowMs: number): ModelOutputRow[] {
  const { log } = index;
  const { snapshot, scores } = run;
  const numCategories = log.categoryIds.length;
  const users = Array.from(snapshot.active);
  const ranked = rankUsers(log, users, (u) => scores[u]);

  // Category weights: actions plus past influence pairs in the category, all before the cutoff.
  const weight = Float64Array.from(snapshot.raw.categoryActions);
  const recent = new Map<number, InfluencePair[]>();
  const lastPeriod = new Map<number, InfluencePair[]>();
  const engaged = new Map<number, Set<number>>();
  forEachInfluencePair(log, { actorFrom: -Infinity, actorTo: snapshot.time, followerTo: snapshot.time, windowMs }, (p) => {
    weight[p.influencer * numCategories + log.productCategory[p.product]]++;
    if (p.influencerAt > snapshot.time - periodMs) {
      if (!engaged.has(p.influencer)) engaged.set(p.influencer, new Set());
      engaged.get(p.influencer)!.add(p.follower);
      if (!lastPeriod.has(p.influencer)) lastPeriod.set(p.influencer, []);
      lastPeriod.get(p.influencer)!.push(p);
    }
    const list = recent.get(p.influencer) ?? [];
    list.push(p);
    list.sort((a, b) => b.followerAt - a.followerAt);
    recent.set(p.influencer, list.slice(0, EXAMPLE_CANDIDATES));
  }, index.groups, index.follows);
  const daysLater = (p: InfluencePair) => Math.round((10 * (p.followerAt - p.influencerAt)) / DAY_MS) / 10;
  const example = (p: InfluencePair) => ({ productId: log.productIds[p.product], followerId: log.userIds[p.follower], daysLater: daysLater(p) });
  const reactions = (u: number): Reaction[] => {
    const inPeriod = new Set(lastPeriod.get(u) ?? []);
    const older = (recent.get(u) ?? []).filter((p) => !inPeriod.has(p));
    return [...inPeriod, ...older]
      .sort((a, b) => b.followerAt - a.followerAt)
      .map((p) => ({ ...example(p), recent: inPeriod.has(p) }));
  };

  const total = new Float64Array(log.userIds.length);
  weight.forEach((w, k) => (total[Math.floor(k / numCategories)] += w));
  const categoryScore = (u: number, c: number) => (total[u] > 0 ? (scores[u] * weight[u * numCategories + c]) / total[u] : 0);
  const categoryRank = new Map<number, number>(); // u·C + c → rank within category c
  for (let c = 0; c < numCategories; c++) {
    const inCategory = users.filter((u) => weight[u * numCategories + c] > 0);
    rankUsers(log, inCategory, (u) => categoryScore(u, c)).forEach((u, r) => categoryRank.set(u * numCategories + c, r + 1));
  }

  const n = ranked.length;
  return ranked.map((u, r) => {
    const categories = Array.from({ length: numCategories }, (_, c) => c)
      .filter((c) => weight[u * numCategories + c] > 0)
      .sort((a, b) => categoryScore(u, b) - categoryScore(u, a) || a - b)
      .slice(0, TOP_CATEGORIES);
    const data: InfluenceData = {
      score: scores[u],
      rank: r + 1,
      percentile: Math.round((1000 * (n - r - 1)) / n) / 10,
      byCategory: categories.map((c) => ({ categoryId: log.categoryIds[c], score: categoryScore(u, c), rank: categoryRank.get(u * numCategories + c)! })),
      explanation: {
        followersReached: snapshot.raw.followers[u],
        followersEngaged: engaged.get(u)?.size ?? 0,
        topCategories: categories.map((c) => log.categoryIds[c]),
        examples: (recent.get(u) ?? []).slice(0, EXAMPLES).map(example),
        reactions: reactions(u),
      },
    };
    return { entityId: log.userIds[u], data: data as unknown as Record<string, unknown> };
  });
}

/** Users by score, highest first, ties by id. */
function rankUsers(log: ActivityLog, users: number[], score: (u: number) => number): number[] {
  return [...users].sort((a, b) => score(b) - score(a) || compareIds(log.userIds[a], log.userIds[b]));
}
