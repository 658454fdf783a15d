/**
 * Per-user recent-activity features at every period, and the same features averaged over each
 * user's follow-graph neighbours. A community's future activity depends on which members are
 * still active (and how much) and on whether the people they follow are: both are pooled per
 * community by the forecaster.
 *
 * Input: activity [N, P] (events per user per period, row-major). Output: [N, P, F] row-major,
 * F = USER_FEATURES, computed at period t from periods ≤ t only:
 *   0 log1p(a[t])               last period
 *   1 log1p(mean a[t-2..t])     last 3
 *   2 log1p(mean a[t-11..t])    last 12
 *   3 1[a[t-2..t] > 0]          recently active
 *   4 1[any activity ≤ t]       has started
 *   5 log1p(periods since the last activity) / 3, 0 before the first
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../core/graph/graph';
import { SparseAdjacency } from '../core/graph/sparse-aggregate';

export const USER_FEATURES = 6;

export function userFeatures(activity: Float32Array, numUsers: number, length: number): Float32Array {
  const F = USER_FEATURES;
  const out = new Float32Array(numUsers * length * F);
  const prefix = new Float64Array(length + 1);
  for (let u = 0; u < numUsers; u++) {
    const a = activity.subarray(u * length, (u + 1) * length);
    for (let t = 0; t < length; t++) prefix[t + 1] = prefix[t] + a[t];
    const sumOver = (t: number, k: number) => prefix[t + 1] - prefix[Math.max(0, t - k + 1)];
    let last = -1;
    for (let t = 0; t < length; t++) {
      if (a[t] > 0) last = t;
      const o = (u * length + t) * F;
      out[o] = Math.log1p(a[t]);
      out[o + 1] = Math.log1p(sumOver(t, 3) / 3);
      out[o + 2] = Math.log1p(sumOver(t, 12) / 12);
      out[o + 3] = sumOver(t, 3) > 0 ? 1 : 0;
      out[o + 4] = last >= 0 ? 1 : 0;
      out[o + 5] = last >= 0 ? Math.log1p(t - last) / 3 : 0;
    }
  }
  return out;
}

/** Â X over the follow graph (symmetric normalisation, graph.ts): [N, P·F] → [N, P·F]. */
export function neighbourFeatures(graph: Graph, features: Float32Array, width: number): Float32Array {
  const adjacency = new SparseAdjacency(graph);
  try {
    return tf.tidy(() => adjacency.propagate(tf.tensor2d(features, [graph.numNodes, width])).dataSync() as Float32Array);
  } finally {
    adjacency.dispose();
  }
}
