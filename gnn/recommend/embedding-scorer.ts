/**
 * Dot-product scoring of final embeddings, score(u, i) = ⟨e_u, e_i⟩, as an `ItemScorer`.
 * Items are transposed once up front: on wasm, matMul(a, b, false, true) is several times slower
 * than a plain product for these shapes (inner dimension 64, 100k columns).
 */
import * as tf from '@tensorflow/tfjs';
import type { ItemScorer } from './offline/rank';

export class EmbeddingScorer implements ItemScorer {
  readonly numItems: number;
  private readonly itemsT: tf.Tensor2D;

  /** Takes ownership of both tensors. */
  constructor(private readonly users: tf.Tensor2D, items: tf.Tensor2D) {
    this.numItems = items.shape[0];
    this.itemsT = tf.tidy(() => items.transpose());
    items.dispose();
  }

  score(users: Int32Array): tf.Tensor2D {
    return tf.tidy(() => tf.matMul(tf.gather(this.users, tf.tensor1d(users, 'int32')), this.itemsT));
  }

  dispose(): void {
    tf.dispose([this.users, this.itemsT]);
  }
}
