/**
 * Mean over in-neighbours of a fixed directed graph, differentiable in X:
 *   Y[v] = (1 / max(1, in(v))) · Σ_{u→v} X[u],   X [N, d] → Y [N, d].
 * The sum is SparseAdjacency with unit scales (its segment sum and hand-written gradient), the
 * mean a broadcast; nodes without in-neighbours get 0.
 */
import * as tf from '@tensorflow/tfjs';
import { buildCsr } from '../core/graph/csr';
import { SparseAdjacency } from '../core/graph/sparse-aggregate';

export class MeanAggregation {
  private readonly sum: SparseAdjacency;
  private readonly invDegree: tf.Tensor2D;

  constructor(numNodes: number, src: Int32Array, dst: Int32Array) {
    const inbound = buildCsr(numNodes, dst, src);
    this.sum = new SparseAdjacency({ numNodes, inbound, scale: new Float32Array(numNodes).fill(1) });
    const inv = new Float32Array(numNodes);
    for (let v = 0; v < numNodes; v++) {
      const deg = inbound.rowPtr[v + 1] - inbound.rowPtr[v];
      inv[v] = deg > 0 ? 1 / deg : 0;
    }
    this.invDegree = tf.tensor2d(inv, [numNodes, 1]);
  }

  aggregate(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.sum.propagate(x).mul(this.invDegree));
  }

  dispose(): void {
    this.sum.dispose();
    this.invDegree.dispose();
  }
}
