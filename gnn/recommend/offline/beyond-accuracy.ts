/**
 * What a ranking does beyond accuracy, from the top-K lists and the training pairs alone
 * (definitions in docs/recommend.md, recomputed independently by bench/eval-recommendations.mjs):
 *  - coverage: distinct training items in all the top-K lists / distinct training items (the
 *    catalogue a served model knows: the served store holds only the training set's products);
 *  - novelty: mean over users of the mean self-information −log2(n_i / N) of their listed items,
 *    n_i = training users of item i (at least 1: an item unseen in training counts as seen once),
 *    N = training interactions (distinct user–item pairs);
 *  - cold users: those with at most COLD_USER_MAX (cold-vector.ts) distinct training items;
 *    their Recall@K / NDCG@K.
 */
import { COLD_USER_MAX } from '../cold-vector';
import type { PairList } from '../graph';
import { rankingMetrics } from './metrics';

export interface BeyondAccuracy {
  k: number;
  coverage: number;
  novelty: number;
  cold: { maxTrainingItems: number; users: number; recall: number; ndcg: number };
}

/**
 * @param ranked per evaluated user, items best first
 * @param truth per evaluated user, held-out items
 * @param users the evaluated users' ids (parallel to `ranked` and `truth`)
 */
export function beyondAccuracy(train: PairList, users: ArrayLike<number>, ranked: ArrayLike<number>[], truth: ArrayLike<number>[], k = 20): BeyondAccuracy {
  const pairs = new Set<string>();
  const itemUsers = new Map<number, number>();
  const userItems = new Map<number, number>();
  for (let j = 0; j < train.a.length; j++) {
    const key = `${train.a[j]},${train.b[j]}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    itemUsers.set(train.b[j], (itemUsers.get(train.b[j]) ?? 0) + 1);
    userItems.set(train.a[j], (userItems.get(train.a[j]) ?? 0) + 1);
  }
  const listed = new Set<number>();
  let novelty = 0;
  let listsWithItems = 0;
  const coldRanked: ArrayLike<number>[] = [];
  const coldTruth: ArrayLike<number>[] = [];
  for (let u = 0; u < ranked.length; u++) {
    const top = Array.from(ranked[u]).slice(0, k);
    for (const i of top) if (itemUsers.has(i)) listed.add(i);
    if (top.length) {
      novelty += top.reduce((s, i) => s - Math.log2(Math.max(1, itemUsers.get(i) ?? 0) / pairs.size), 0) / top.length;
      listsWithItems++;
    }
    if ((userItems.get(users[u]) ?? 0) <= COLD_USER_MAX) {
      coldRanked.push(ranked[u]);
      coldTruth.push(truth[u]);
    }
  }
  const cold = rankingMetrics(coldRanked, coldTruth, [k])[k];
  return {
    k,
    coverage: listed.size / itemUsers.size,
    novelty: novelty / Math.max(1, listsWithItems),
    cold: { maxTrainingItems: COLD_USER_MAX, users: coldRanked.length, recall: cold.recall, ndcg: cold.ndcg },
  };
}

export function formatBeyondAccuracy(b: BeyondAccuracy): string {
  return (
    `coverage@${b.k} ${b.coverage.toFixed(4)}  novelty@${b.k} ${b.novelty.toFixed(2)} bits  ` +
    `cold users (<= ${b.cold.maxTrainingItems} training items, ${b.cold.users}): R@${b.k} ${b.cold.recall.toFixed(4)}  NDCG@${b.k} ${b.cold.ndcg.toFixed(4)}`
  );
}
