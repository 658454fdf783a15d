/**
 * SocialLGN graph fusion (Liao et al., 2022): merges a user's interaction-graph view e^R and
 * social-graph view e^S at one propagation layer,
 *   e' = rownorm( [tanh(e^S W_s) ‖ tanh(e^R W_r)] W_c + b ),
 * e^R, e^S: [U, d];  W_s, W_r: [d, d];  W_c: [2d, d];  b: [d]  →  e': [U, d].
 * Row L2 normalisation keeps the fused layer on the scale the light convolutions expect
 * (the paper's code divides by one norm of the whole matrix; per-row is the stabler variant).
 */
import * as tf from '@tensorflow/tfjs';

export class SocialFusion {
  readonly ws: tf.Variable;
  readonly wr: tf.Variable;
  readonly wc: tf.Variable;
  readonly b: tf.Variable;

  constructor(dim: number, seed: number) {
    const glorot = (fanIn: number, fanOut: number, s: number) =>
      tf.variable(tf.randomUniform([fanIn, fanOut], -1, 1, 'float32', s).mul(Math.sqrt(6 / (fanIn + fanOut))));
    this.ws = glorot(dim, dim, seed);
    this.wr = glorot(dim, dim, seed + 1);
    this.wc = glorot(2 * dim, dim, seed + 2);
    this.b = tf.variable(tf.zeros([dim]));
  }

  apply(interaction: tf.Tensor2D, social: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const h = tf.concat([tf.tanh(tf.matMul(social, this.ws)), tf.tanh(tf.matMul(interaction, this.wr))], 1);
      const out = tf.matMul(h, this.wc).add(this.b);
      return out.div(out.square().sum(1, true).add(1e-12).sqrt()) as tf.Tensor2D;
    });
  }

  /** Weights by stable name (tfjs variable names must be globally unique, so they are not used). */
  namedVariables(): Record<string, tf.Variable> {
    return { ws: this.ws, wr: this.wr, wc: this.wc, b: this.b };
  }
}
