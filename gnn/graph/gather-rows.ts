/**
 * Differentiable row lookup `table[indices]`: [N, d] × [B] → [B, d].
 * tf.gather's own gradient needs UnsortedSegmentSum, which the wasm backend lacks; the gradient
 * here scatters ∂L/∂out back into a dense [N, d] with scatterND, which adds duplicate rows.
 * `indices` must stay alive until gradients are computed (create it outside the minimised closure).
 */
import * as tf from '@tensorflow/tfjs';

export function gatherRows(table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  const lookup = tf.customGrad((...args) => {
    const t = args[0] as tf.Tensor;
    return {
      value: tf.gather(t, indices),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.scatterND(indices.expandDims(1), dy as tf.Tensor, t.shape),
    };
  });
  return lookup(table) as tf.Tensor2D;
}
