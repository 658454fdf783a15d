/**
 * What the API shows about a user's influence, computed once at training time so serving is a
 * page read. Per user active before the cutoff:
 *   score       predicted influence over the next period (expected follower reactions);
 *   rank        1 = most influential (ties by user id), percentile = % of users ranked below;
 *   byCategory  every category the user acted or influenced in before the cutoff: the category model's
 *               predicted rate there, ranked among that category's users, with its own explanation;
 *   explanation followers at the cutoff, followers who reacted in the last period, top categories
 *               and the most recent reactions (product, follower, days later).
 * Reactions may be shares a viewer may not see, so the explanation also keeps `reactions`: every
 * reaction of the last period plus the most recent ones, from which the API counts and shows only
 * what its viewer may see (src/graphql/resolvers/influence.ts).
 */
import type { ModelOutputRow } from '../../src/store/contract';
import type { ActivityLog } from '../core/activity-log';
import { DAY_MS } from '../core/activity-log';
import { compareIds } from './compare-ids';
import type { LogIndex } from './log-index';
import { forEachInfluencePair, type InfluencePair } from './ground-truth';

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
  /** The same explanation drawn from this category only (examples, engaged followers); older runs lack it. */
  explanation?: InfluenceData['explanation'];
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

/** What the category model scored at the cutoff (category-pipeline.ts). */
export interface ScoredInfluence {
  time: number;
  numCategories: number;
  /** Users scored, row i·C + c of `rates` is users[i] in category c. */
  users: Int32Array;
  rates: Float64Array;
  /** Σ_c rate per user, indexed like log.userIds. */
  global: Float64Array;
}

export function influenceRows(index: LogIndex, scored: ScoredInfluence, periodMs: number, windowMs: number): ModelOutputRow[] {
  const { log } = index;
  const C = scored.numCategories;
  const users = Array.from(scored.users);
  const rowOf = new Map(users.map((u, i) => [u, i]));
  const rate = (u: number, c: number) => scored.rates[rowOf.get(u)! * C + c];
  const ranked = rankUsers(log, users, (u) => scored.global[u]);

  // A user is listed in the categories they reviewed in or influenced someone in before the cutoff.
  const listed = new Uint8Array(log.userIds.length * C);
  for (let k = 0; k < log.actTime.length && log.actTime[k] <= scored.time; k++) listed[log.actUser[k] * C + log.productCategory[log.actProduct[k]]] = 1;
  const followers = new Float64Array(log.userIds.length);
  log.followTo.forEach((u, k) => log.followSince[k] <= scored.time && followers[u]++);
  // Reactions before the cutoff, globally and per category (key u·C + c): engaged followers in the last period, latest examples.
  const recent = new Map<number, InfluencePair[]>();
  const lastPeriod = new Map<number, InfluencePair[]>();
  const engaged = new Map<number, Set<number>>();
  const keep = (key: number, p: InfluencePair) => {
    if (p.influencerAt > scored.time - periodMs) {
      (engaged.get(key) ?? engaged.set(key, new Set()).get(key)!).add(p.follower);
      (lastPeriod.get(key) ?? lastPeriod.set(key, []).get(key)!).push(p);
    }
    const list = recent.get(key) ?? [];
    list.push(p);
    list.sort((a, b) => b.followerAt - a.followerAt);
    recent.set(key, list.slice(0, EXAMPLE_CANDIDATES));
  };
  const GLOBAL = C; // u·(C + 1) + C is the user's global entry
  forEachInfluencePair(log, { actorFrom: -Infinity, actorTo: scored.time, followerTo: scored.time, windowMs }, (p) => {
    const c = log.productCategory[p.product];
    listed[p.influencer * C + c] = 1;
    keep(p.influencer * (C + 1) + c, p);
    keep(p.influencer * (C + 1) + GLOBAL, p);
  }, index.groups, index.follows);
  const daysLater = (p: InfluencePair) => Math.round((10 * (p.followerAt - p.influencerAt)) / DAY_MS) / 10;
  const example = (p: InfluencePair) => ({ productId: log.productIds[p.product], followerId: log.userIds[p.follower], daysLater: daysLater(p) });
  const reactions = (key: number): Reaction[] => {
    const inPeriod = new Set(lastPeriod.get(key) ?? []);
    const older = (recent.get(key) ?? []).filter((p) => !inPeriod.has(p));
    return [...inPeriod, ...older]
      .sort((a, b) => b.followerAt - a.followerAt)
      .map((p) => ({ ...example(p), recent: inPeriod.has(p) }));
  };
  const explanation = (u: number, c: number, topCategories: string[]): InfluenceData['explanation'] => {
    const key = u * (C + 1) + c;
    return {
      followersReached: followers[u],
      followersEngaged: engaged.get(key)?.size ?? 0,
      topCategories,
      examples: (recent.get(key) ?? []).slice(0, EXAMPLES).map(example),
      reactions: reactions(key),
    };
  };

  const categoryRank = new Map<number, number>(); // u·C + c → rank within category c
  for (let c = 0; c < C; c++) {
    rankUsers(log, users.filter((u) => listed[u * C + c]), (u) => rate(u, c)).forEach((u, r) => categoryRank.set(u * C + c, r + 1));
  }
  const n = ranked.length;
  return ranked.map((u, r) => {
    const categories = Array.from({ length: C }, (_, c) => c)
      .filter((c) => listed[u * C + c])
      .sort((a, b) => rate(u, b) - rate(u, a) || a - b);
    const data: InfluenceData = {
      score: scored.global[u],
      rank: r + 1,
      percentile: Math.round((1000 * (n - r - 1)) / n) / 10,
      byCategory: categories.map((c) => ({
        categoryId: log.categoryIds[c],
        score: rate(u, c),
        rank: categoryRank.get(u * C + c)!,
        explanation: explanation(u, c, [log.categoryIds[c]]),
      })),
      explanation: explanation(u, GLOBAL, categories.slice(0, TOP_CATEGORIES).map((c) => log.categoryIds[c])),
    };
    return { entityId: log.userIds[u], data: data as unknown as Record<string, unknown> };
  });
}

/** Users by score, highest first, ties by id. */
function rankUsers(log: ActivityLog, users: number[], score: (u: number) => number): number[] {
  return [...users].sort((a, b) => score(b) - score(a) || compareIds(log.userIds[a], log.userIds[b]));
}
