/**
 * Each training user's best TOP_LIST products, ranked at training time by the fitted scorer
 * (pipeline.ts: fittedScorer, the scores the offline evaluation ranks with) with the user's
 * training products left out, and published with the model (published.ts). While a user's
 * products and follows are still those the model was trained with, the served scores are exactly
 * these (user-scores.ts computes the same numbers), so the API answers the first pages from the
 * list instead of scoring the whole catalogue per request (~5 ms of CPU on Ciao); anything else —
 * new products or followees, a category filter, a page past the list — is scored live.
 */
import { rowOf, type Csr } from '../core/graph/csr';
import type { ItemScorer } from './offline/rank';
import { topK } from './top-k';

/** The API's largest page (MAX_PAGE_SIZE's default). */
export const TOP_LIST = 100;

/** Block of users scored at once: a [block, items] float matrix of ~16M entries at most. */
const SCORE_BUDGET = 16_000_000;

export interface TopList {
  /** Product rows, best first (ties: the lower row, as top-k.ts). */
  rows: Int32Array;
  scores: Float32Array;
}

/** Per user row of `own` (the training products), its top `n` other products. */
export function topLists(scorer: ItemScorer, own: Csr, n = TOP_LIST): TopList[] {
  const { numItems } = scorer;
  const block = Math.max(1, Math.floor(SCORE_BUDGET / numItems));
  const eligible = new Uint8Array(numItems);
  const out: TopList[] = [];
  for (let start = 0; start < own.numRows; start += block) {
    const users = Int32Array.from({ length: Math.min(block, own.numRows - start) }, (_, k) => start + k);
    const tensor = scorer.score(users);
    const scores = tensor.dataSync() as Float32Array;
    tensor.dispose();
    users.forEach((u, r) => {
      const row = scores.subarray(r * numItems, (r + 1) * numItems);
      eligible.fill(1);
      for (const p of rowOf(own, u)) eligible[p] = 0;
      const { indices } = topK(row, n, eligible);
      out.push({ rows: Int32Array.from(indices), scores: Float32Array.from(indices, (p) => row[p]) });
    });
  }
  return out;
}
