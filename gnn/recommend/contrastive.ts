/**
 * XSimGCL's contrastive term (Yu et al., "XSimGCL: Towards Extremely Simple Graph Contrastive
 * Learning for Recommendation", 2023), used by model.ts when `contrast` > 0. In training each
 * propagated layer is perturbed, E^{k+1} = Â E^k + Δ^k with Δ^k = ε · normalise(U(0,1)) ⊙ sign(Â E^k)
 * (uniform noise of norm ε per row, in the row's orthant), and the final embeddings (the layer mean)
 * are contrasted with layer 1 of the same noisy pass:
 *   InfoNCE(A, B) = mean_k [ log Σ_j exp(⟨â_k, b̂_j⟩ / τ) − ⟨â_k, b̂_k⟩ / τ ],  â, b̂ the L2-normalised rows,
 * once over the batch's distinct users and once over its distinct positive items, so each node is
 * pulled towards its own other view and away from the others: embeddings spread more evenly, which
 * keeps popular items from crowding every list. One forward pass serves BPR and the contrast.
 * Shapes: tables [N, d]; node lists [B]; at most CONTRAST_NODES of each kind, so the [n, n] logits
 * stay small.
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../core/graph/gather-rows';
import type { Random } from '../core/random';
import { normalizeRows } from '../core/linalg/normalize-rows';

/** Users (and items) of a batch the contrastive term compares: its cost is quadratic in them. */
export const CONTRAST_NODES = 512;

/** Σ over users and over items of InfoNCE(final rows, first-layer rows), for the batch's node ids (rows of both tables). */
export function contrastiveLoss(final: tf.Tensor2D, first: tf.Tensor2D, users: Int32Array, items: Int32Array, tau: number): tf.Scalar {
  const u = distinct(users, CONTRAST_NODES);
  const i = distinct(items, CONTRAST_NODES);
  const views = tf.tensor1d(Int32Array.from([...u, ...i]), 'int32');
  const split = (t: tf.Tensor2D) => tf.split(gatherRows(t, views), [u.length, i.length]) as tf.Tensor2D[];
  const [finalU, finalI] = split(final);
  const [firstU, firstI] = split(first);
  return infoNce(finalU, firstU, tau).add(infoNce(finalI, firstI, tau));
}

/** At most `max` distinct values of `xs`, first seen first (the batch is already in random order). */
function distinct(xs: Int32Array, max: number): Int32Array {
  const seen = new Set<number>();
  for (const x of xs) {
    if (seen.size === max) break;
    seen.add(x);
  }
  return Int32Array.from(seen);
}

/**
 * Uniform noise of norm ε per row, in the orthant of x (XSimGCL, SimGCL): Δ = ε · normalise(U(0,1)) ⊙ sign(x).
 * Δ carries no gradient, so it is formed in JavaScript from x's values: the same with tf.randomUniform,
 * tf.sign and a row normalisation on wasm costs as much on LastFM's [20k, 64] (40 ms) and 1.5x as
 * much on Ciao's [112k, 64] (246 ms against 169).
 */
export function perturbation(x: tf.Tensor2D, eps: number, rng: Random): tf.Tensor2D {
  const [n, d] = x.shape;
  const values = x.dataSync();
  const delta = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let c = r * d; c < (r + 1) * d; c++) norm += (delta[c] = rng.next()) ** 2;
    const scale = eps / Math.sqrt(norm);
    for (let c = r * d; c < (r + 1) * d; c++) delta[c] *= values[c] > 0 ? scale : values[c] < 0 ? -scale : 0;
  }
  return tf.tensor2d(delta, [n, d]);
}

/** InfoNCE between two views, row k of a against row k of b, the other rows of b negatives: [n, d] × [n, d] → scalar. */
export function infoNce(a: tf.Tensor2D, b: tf.Tensor2D, tau: number): tf.Scalar {
  const x = normalizeRows(a);
  const y = normalizeRows(b);
  const logits = tf.matMul(x, y.transpose()).div(tau); // transposed first: wasm's transposeB matMul is 4x slower
  return tf.logSumExp(logits, 1).sub(x.mul(y).sum(1).div(tau)).mean();
}
