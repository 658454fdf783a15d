/**
 * The issue #19 measures, computed in the pipeline for validation (the independent evaluator,
 * bench/eval-influence-category.mjs, recomputes them at the cutoff):
 *   per category  NDCG@20 of each category's scores against influence(u, c), averaged over the
 *                 categories with the most adoptions (category-truth.ts);
 *   global        NDCG@100 and Spearman against global influence, the scores' ties broken at
 *                 random (mean over seeded shuffles), so a block of users tied at 0 earns nothing.
 * Users are passed in id order, which breaks NDCG ties.
 */
import { Random } from '../core/random';
import { averageRanks, influenceMetrics, pearson } from './metrics';

export const CATEGORY_K = 20;
export const EVALUATED_CATEGORIES = 10;
export const GLOBAL_K = 100;
const SHUFFLES = 20;

export interface CategoryMetrics {
  /** Mean NDCG@20 over the evaluated categories. */
  ndcg: number;
  byCategory: Record<string, number>;
}

export interface GlobalMetrics {
  ndcg: number;
  spearmanRandomTies: number;
}

/** `score(c)` and `truth(c)` give one value per user, in the same user order. */
export function categoryMetrics(categories: { id: string; score: ArrayLike<number>; truth: ArrayLike<number> }[]): CategoryMetrics {
  const byCategory: Record<string, number> = {};
  for (const c of categories) byCategory[c.id] = influenceMetrics(c.score, c.truth, CATEGORY_K).ndcg;
  const values = Object.values(byCategory);
  return { ndcg: values.reduce((s, v) => s + v, 0) / Math.max(1, values.length), byCategory };
}

export function globalMetrics(score: ArrayLike<number>, truth: ArrayLike<number>): GlobalMetrics {
  return { ndcg: influenceMetrics(score, truth, GLOBAL_K).ndcg, spearmanRandomTies: spearmanRandomTies(score, truth) };
}

export function spearmanRandomTies(score: ArrayLike<number>, truth: ArrayLike<number>, seed = 1): number {
  const n = score.length;
  const rt = averageRanks(truth);
  const rng = new Random(seed);
  let total = 0;
  for (let s = 0; s < SHUFFLES; s++) {
    const jitter = Float64Array.from({ length: n }, () => rng.next());
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b] || jitter[a] - jitter[b]);
    const rs = new Float64Array(n);
    order.forEach((i, r) => (rs[i] = r + 1));
    total += pearson(rs, rt);
  }
  return total / SHUFFLES;
}
