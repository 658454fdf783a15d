/**
 * Full-catalogue top-K retrieval: for each query user, score every item with an `ItemScorer`,
 * mask the user's excluded (training) items to -∞, keep the K best.
 * Users are processed in row blocks so the [block, numItems] score matrix stays ~16M floats.
 */
import * as tf from '@tensorflow/tfjs';
import { rowOf, type Csr } from '../../core/graph/csr';

const SCORE_BUDGET = 16_000_000;

/** Any model that scores the whole catalogue for a block of users. */
export interface ItemScorer {
  readonly numItems: number;
  /** Scores [users.length, numItems], higher is better; the caller disposes the tensor. */
  score(users: Int32Array): tf.Tensor2D;
}

/** Per query user, up to k item ids best first (fewer only if fewer candidates remain). */
export function topKItems(scorer: ItemScorer, queryUsers: Int32Array, exclude: Csr, k: number): Int32Array[] {
  const { numItems } = scorer;
  const kk = Math.min(k, numItems);
  const block = Math.max(1, Math.floor(SCORE_BUDGET / numItems));
  const result: Int32Array[] = [];
  for (let start = 0; start < queryUsers.length; start += block) {
    const users = queryUsers.subarray(start, Math.min(queryUsers.length, start + block));
    const maskIdx: number[] = [];
    users.forEach((u, row) => {
      for (const item of rowOf(exclude, u)) maskIdx.push(row, item);
    });
    const [values, indices] = tf.tidy(() => {
      const scores = scorer.score(users);
      const masked = maskIdx.length
        ? scores.add(tf.scatterND(tf.tensor2d(maskIdx, [maskIdx.length / 2, 2], 'int32'), tf.fill([maskIdx.length / 2], -Infinity), scores.shape))
        : scores;
      const top = tf.topk(masked, kk);
      return [top.values.dataSync(), top.indices.dataSync() as Int32Array];
    });
    for (let row = 0; row < users.length; row++) {
      let n = kk;
      while (n > 0 && values[row * kk + n - 1] === -Infinity) n--;
      result.push(indices.slice(row * kk, row * kk + n));
    }
  }
  return result;
}
