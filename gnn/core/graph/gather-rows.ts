/**
 * Differentiable row lookup `table[indices]`: [N, d] × [B] → [B, d].
 * tf.gather's own gradient needs UnsortedSegmentSum, which the wasm backend lacks; the gradient
 * here scatters ∂L/∂out back into a dense [N, d] with scatterND, which adds duplicate rows.
 * The forward pass is a sparse segment sum with one index per segment: on wasm that copies whole
 * rows and runs 10-50x faster than the element-wise GatherV2 kernel.
 * The indices are saved for the backward pass, so they may be created inside the loss closure.
 */
import * as tf from '@tensorflow/tfjs';

const lookup = tf.customGrad((...args) => {
  const [table, indices, save] = args as [tf.Tensor, tf.Tensor1D, tf.GradSaveFunc];
  save([indices]);
  const shape = table.shape;
  return {
    value: tf.sparse.sparseSegmentSum(table, indices, tf.range(0, indices.shape[0], 1, 'int32')),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => [
      tf.scatterND(saved[0].expandDims(1), dy as tf.Tensor, shape),
      tf.zerosLike(saved[0]),
    ],
  };
});

export function gatherRows(table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  return lookup(table, indices) as tf.Tensor2D;
}
