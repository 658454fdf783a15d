/**
 * Normalised sparse propagation Y = Â X for a fixed graph, differentiable in X.
 *
 * Shapes: X [N, d] → Y [N, d], with Â = S A S, S = diag(scale) (see graph.ts), so
 *   Y[v] = scale[v] · Σ_{u→v} scale[u] · X[u].
 * The unweighted sum A·X runs on `tf.sparse.sparseSegmentSum` (edges sorted by destination,
 * which is how the CSR stores them); the scales are plain broadcasts, so only A·X needs a
 * hand-written gradient: ∂L/∂X = Aᵀ·∂L/∂Y, the same segment sum over the transposed graph
 * (edges sorted by source). The wasm backend has no UnsortedSegmentSum, hence this route.
 */
import * as tf from '@tensorflow/tfjs';
import { buildCsr, toCoo, type Csr } from './csr';
import type { Graph } from './graph';

/** Segment sum into exactly `numRows` rows: sparseSegmentSum stops at the last segment id present. */
function segmentSum(data: tf.Tensor2D, order: SortedEdges, numRows: number): tf.Tensor2D {
  return tf.tidy(() => {
    if (order.count === 0) return tf.zeros([numRows, data.shape[1]]) as tf.Tensor2D;
    const summed = tf.sparse.sparseSegmentSum(data, order.indices, order.segments) as tf.Tensor2D;
    const missing = numRows - summed.shape[0];
    return missing > 0 ? tf.concat([summed, tf.zeros([missing, data.shape[1]])]) : summed;
  });
}

/** Edge list as segment-sum arguments: for each edge, the row to read and the (sorted) row to add into. */
interface SortedEdges {
  count: number;
  indices: tf.Tensor1D;
  segments: tf.Tensor1D;
}

function sortedEdges(csr: Csr): SortedEdges {
  const { rows, cols } = toCoo(csr);
  return { count: cols.length, indices: tf.tensor1d(cols, 'int32'), segments: tf.tensor1d(rows, 'int32') };
}

export class SparseAdjacency {
  readonly numNodes: number;
  private readonly forward: SortedEdges;
  private readonly backward: SortedEdges;
  private readonly scale: tf.Tensor2D;
  private readonly sum: (x: tf.Tensor2D) => tf.Tensor2D;

  constructor(graph: Graph) {
    this.numNodes = graph.numNodes;
    const n = graph.numNodes;
    const { rows: dst, cols: src } = toCoo(graph.inbound);
    this.forward = sortedEdges(graph.inbound);
    this.backward = sortedEdges(buildCsr(n, src, dst));
    this.scale = tf.tensor2d(graph.scale, [n, 1]);
    this.sum = tf.customGrad((...args) => ({
      value: segmentSum(args[0] as tf.Tensor2D, this.forward, n),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => segmentSum(dy as tf.Tensor2D, this.backward, n),
    })) as (x: tf.Tensor2D) => tf.Tensor2D;
  }

  /** Â X. */
  propagate(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.sum(x.mul(this.scale)).mul(this.scale));
  }

  dispose(): void {
    for (const t of [this.forward.indices, this.forward.segments, this.backward.indices, this.backward.segments, this.scale]) {
      t.dispose();
    }
  }
}
