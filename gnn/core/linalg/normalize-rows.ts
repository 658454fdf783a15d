import * as tf from '@tensorflow/tfjs';

/** Each row divided by its L2 norm: [N, d] → [N, d] (a zero row stays zero). */
export function normalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  return x.div(x.square().sum(1, true).add(1e-12).sqrt());
}
