/**
 * What the category model sees about a (user u, category c) pair at a time t, from actions and
 * follows at or before t only. One row per user active before t and category, in three groups so
 * the graph's part can be ablated (docs/influence-category.md):
 *   own      u's activity: reviews in c (all, last period P, last P/4), all reviews (all, last P),
 *            share of u's reviews in c, has reviewed in c, days since u's last review in c and
 *            since u's last action, earliness in c (share among a product's first 3), and the
 *            category's volume over the last P;
 *   audience one hop over the follow graph: followers of u, has followers, followers who reviewed
 *            in c in the last P, their reviews in c in the last P, and the products followers ×
 *            reviews in c (all, last P) and active followers in c × reviews in c in the last P;
 *   cascades who adopted what after whom: influence of u in c in the last P and before it,
 *            u's global influence in the last P (ground-truth.ts, reactions up to t), and that
 *            times u's share of reviews in c.
 * Counts enter as log1p, days as log1p(days). Every user gets a distinct mix, so the scores
 * separate the inactive majority instead of tying it at 0.
 */
import { activeBefore, DAY_MS } from '../core/activity-log';
import { categoryInfluence } from './category-truth';
import type { LogIndex } from './log-index';
import { influenceCounts } from './ground-truth';

export const FEATURE_GROUPS = {
  own: ['reviewsInC', 'reviewsInCPeriod', 'reviewsInCRecent', 'reviews', 'reviewsPeriod', 'shareInC', 'hasReviewedC', 'daysSinceLastInC', 'daysSinceLast', 'earlinessInC', 'categoryVolume'],
  audience: ['followers', 'hasFollowers', 'followersActiveInC', 'followerReviewsInC', 'followersXReviewsInC', 'followersXReviewsInCPeriod', 'activeFollowersXReviewsInCPeriod'],
  cascades: ['influenceInCPeriod', 'influenceInCOlder', 'influencePeriod', 'influenceXShareInC'],
} as const;
export type FeatureGroup = keyof typeof FEATURE_GROUPS;
export const ALL_GROUPS = Object.keys(FEATURE_GROUPS) as FeatureGroup[];

export interface CategoryRows {
  time: number;
  numCategories: number;
  /** Users with an action before `time`, ascending; row r is user users[⌊r / C⌋], category r mod C. */
  users: Int32Array;
  /** Feature name → one value per row. */
  columns: Record<string, Float64Array>;
  /** Raw signals the baselines and explanations read, per row. */
  raw: { followers: Float64Array; reviewsInC: Float64Array; reviews: Float64Array; influenceInCPeriod: Float64Array; influencePeriod: Float64Array };
}

export function categoryRowsAt(index: LogIndex, time: number, periodMs: number, windowMs: number): CategoryRows {
  const { log } = index;
  const n = log.userIds.length;
  const C = log.categoryIds.length;
  const numActs = countUpTo(log.actTime, time);
  const perUC = () => new Float64Array(n * C);
  const inC = perUC(), inCPeriod = perUC(), inCRecent = perUC(), lastInC = perUC().fill(NaN), earlyInC = perUC();
  const reviews = new Float64Array(n), reviewsPeriod = new Float64Array(n), last = new Float64Array(n).fill(NaN);
  const volume = new Float64Array(C);
  for (let k = 0; k < numActs; k++) {
    const u = log.actUser[k];
    const c = log.productCategory[log.actProduct[k]];
    const t = log.actTime[k];
    const uc = u * C + c;
    inC[uc]++;
    reviews[u]++;
    lastInC[uc] = t;
    last[u] = t;
    if (t > time - periodMs) {
      inCPeriod[uc]++;
      reviewsPeriod[u]++;
      volume[c]++;
    }
    if (t > time - periodMs / 4) inCRecent[uc]++;
  }
  const { groups } = index;
  for (let p = 0; p + 1 < groups.start.length; p++) {
    for (let i = groups.start[p]; i < Math.min(groups.start[p + 1], groups.start[p] + 3); i++) {
      const a = groups.order[i];
      if (log.actTime[a] <= time) earlyInC[log.actUser[a] * C + log.productCategory[p]]++;
    }
  }
  const followers = new Float64Array(n);
  const followersActiveInC = perUC(), followerReviewsInC = perUC();
  log.followFrom.forEach((f, k) => {
    if (log.followSince[k] > time) return;
    const u = log.followTo[k];
    followers[u]++;
    for (let c = 0; c < C; c++) {
      const r = inCPeriod[f * C + c];
      if (r > 0) {
        followersActiveInC[u * C + c]++;
        followerReviewsInC[u * C + c] += r;
      }
    }
  });
  const recent = { actorFrom: time - periodMs, actorTo: time, followerTo: time, windowMs };
  const influenceInCPeriod = categoryInfluence(index, recent).followers;
  const influenceInCOlder = categoryInfluence(index, { ...recent, actorFrom: -Infinity, actorTo: time - periodMs }).followers;
  const influencePeriod = influenceCounts(log, recent, index.groups, index.follows);

  const users = activeBefore(log, time);
  const rows = users.length * C;
  const columns: Record<string, Float64Array> = {};
  for (const name of ALL_GROUPS.flatMap((g) => FEATURE_GROUPS[g])) columns[name] = new Float64Array(rows);
  const raw = { followers: new Float64Array(rows), reviewsInC: new Float64Array(rows), reviews: new Float64Array(rows), influenceInCPeriod: new Float64Array(rows), influencePeriod: new Float64Array(rows) };
  const days = (ms: number) => Math.log1p(Math.max(0, ms) / DAY_MS);
  // Never reviewed in c: as if the last review in c were at the first action of the log.
  const never = days(time - log.actTime[0]);
  users.forEach((u, i) => {
    for (let c = 0; c < C; c++) {
      const r = i * C + c;
      const uc = u * C + c;
      const row: Record<string, number> = {
        reviewsInC: Math.log1p(inC[uc]),
        reviewsInCPeriod: Math.log1p(inCPeriod[uc]),
        reviewsInCRecent: Math.log1p(inCRecent[uc]),
        reviews: Math.log1p(reviews[u]),
        reviewsPeriod: Math.log1p(reviewsPeriod[u]),
        shareInC: inC[uc] / reviews[u],
        hasReviewedC: inC[uc] > 0 ? 1 : 0,
        daysSinceLastInC: inC[uc] > 0 ? days(time - lastInC[uc]) : never,
        daysSinceLast: days(time - last[u]),
        earlinessInC: inC[uc] > 0 ? earlyInC[uc] / inC[uc] : 0,
        categoryVolume: Math.log1p(volume[c]),
        followers: Math.log1p(followers[u]),
        hasFollowers: followers[u] > 0 ? 1 : 0,
        followersActiveInC: Math.log1p(followersActiveInC[uc]),
        followerReviewsInC: Math.log1p(followerReviewsInC[uc]),
        influenceInCPeriod: Math.log1p(influenceInCPeriod[uc]),
        influenceInCOlder: Math.log1p(influenceInCOlder[uc]),
        influencePeriod: Math.log1p(influencePeriod[u]),
        // Products, as in the baselines: a reach with no activity in c counts for nothing.
        followersXReviewsInC: Math.log1p(followers[u] * inC[uc]),
        followersXReviewsInCPeriod: Math.log1p(followers[u] * inCPeriod[uc]),
        activeFollowersXReviewsInCPeriod: Math.log1p(followersActiveInC[uc] * inCPeriod[uc]),
        influenceXShareInC: Math.log1p((influencePeriod[u] * inC[uc]) / reviews[u]),
      };
      for (const [name, v] of Object.entries(row)) columns[name][r] = v;
      raw.followers[r] = followers[u];
      raw.reviewsInC[r] = inC[uc];
      raw.reviews[r] = reviews[u];
      raw.influenceInCPeriod[r] = influenceInCPeriod[uc];
      raw.influencePeriod[r] = influencePeriod[u];
    }
  });
  return { time, numCategories: C, users, columns, raw };
}

/** Number of sorted times ≤ t. */
function countUpTo(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
