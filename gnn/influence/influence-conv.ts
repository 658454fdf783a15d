/**
 * One message-passing layer for influence (GraphSAGE-style mean aggregation, two relations):
 *   h'_u = ReLU( h_u W_self + mean_{f follows u} h_f W_audience + mean_{v co-acts with u} h_v W_peers + b )
 * Shapes: h [N, d_in] → h' [N, d_out]; each W [d_in, d_out], b [d_out].
 * The audience term is what makes it an influence layer: a user's reach depends on how active
 * and responsive the people following them are, not on whom they follow.
 */
import * as tf from '@tensorflow/tfjs';

export class InfluenceConv {
  readonly self: tf.Variable;
  readonly audience: tf.Variable;
  readonly peers: tf.Variable;
  readonly bias: tf.Variable;

  constructor(readonly name: string, dIn: number, dOut: number, seed: number) {
    const init = (k: number) => tf.variable(tf.initializers.glorotUniform({ seed: seed + k }).apply([dIn, dOut]) as tf.Tensor2D);
    this.self = init(0);
    this.audience = init(1);
    this.peers = init(2);
    this.bias = tf.variable(tf.zeros([dOut]));
  }

  /** `audience` and `peers` are the two neighbourhood means of h (GraphViews), [N, d_in] each. */
  apply(h: tf.Tensor2D, audience: tf.Tensor2D, peers: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() =>
      tf.relu(
        h.matMul(this.self as tf.Tensor2D)
          .add(audience.matMul(this.audience as tf.Tensor2D))
          .add(peers.matMul(this.peers as tf.Tensor2D))
          .add(this.bias),
      ) as tf.Tensor2D,
    );
  }

  /** Weights by name, for saving (variables stay unnamed so several models can coexist). */
  weights(): tf.NamedTensorMap {
    return { [`${this.name}/self`]: this.self, [`${this.name}/audience`]: this.audience, [`${this.name}/peers`]: this.peers, [`${this.name}/bias`]: this.bias };
  }
}
