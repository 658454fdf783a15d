/**
 * Observed influence per category, the label of the category model and what its evaluation
 * scores against (bench/eval-influence-category.mjs recomputes it independently):
 *   influence(u, c) = #distinct followers f with an influence pair (ground-truth.ts) of u on a
 *                     product of category c in the period;
 *   adoptions(c)    = #influence pairs (distinct influencer, follower, product) on products of c,
 *                     which picks the categories an evaluation averages over.
 */
import type { LogIndex } from './log-index';
import { forEachInfluencePair, type InfluencePeriod } from './ground-truth';

export interface CategoryInfluence {
  /** [numUsers · numCategories], u·C + c. */
  followers: Float64Array;
  /** [numCategories]. */
  adoptions: Float64Array;
}

export function categoryInfluence(index: LogIndex, period: InfluencePeriod): CategoryInfluence {
  const { log } = index;
  const n = log.userIds.length;
  const numCategories = log.categoryIds.length;
  const followers = new Float64Array(n * numCategories);
  const adoptions = new Float64Array(numCategories);
  const seen = new Set<number>(); // (u·C + c)·n + f
  forEachInfluencePair(log, period, (p) => {
    const c = log.productCategory[p.product];
    adoptions[c]++;
    const key = (p.influencer * numCategories + c) * n + p.follower;
    if (seen.has(key)) return;
    seen.add(key);
    followers[p.influencer * numCategories + c]++;
  }, index.groups, index.follows);
  return { followers, adoptions };
}

/** The `count` categories with the most adoptions (ties by index), those with none left out. */
export function topCategories(adoptions: Float64Array, count: number): number[] {
  return Array.from(adoptions.keys()).filter((c) => adoptions[c] > 0).sort((a, b) => adoptions[b] - adoptions[a] || a - b).slice(0, count);
}
