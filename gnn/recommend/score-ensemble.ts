/**
 * Weighted sum of several models' scores, each standardised per user first:
 *   s(u, i) = Σ_m w_m · (s_m(u, i) − μ_m(u)) / σ_m(u),
 * μ_m(u), σ_m(u) the mean and standard deviation of model m's scores over all items for user u.
 * Standardising puts scores on different scales (GNN dot products, DLAE reconstructions) on a
 * common one, per user, so that one weight per model means the same thing for every user.
 * The weights are chosen on validation (offline/pipeline.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { ItemScorer } from './offline/rank';

export interface WeightedScorer {
  scorer: ItemScorer;
  weight: number;
}

export class ScoreEnsemble implements ItemScorer {
  readonly numItems: number;

  constructor(private readonly parts: WeightedScorer[]) {
    this.numItems = parts[0].scorer.numItems;
    if (parts.some((p) => p.scorer.numItems !== this.numItems)) throw new Error('ensemble parts score different item counts');
  }

  score(users: Int32Array): tf.Tensor2D {
    return tf.tidy(() =>
      this.parts
        .filter((p) => p.weight !== 0)
        .map(({ scorer, weight }) => {
          const scores = scorer.score(users);
          const { mean, variance } = tf.moments(scores, 1, true);
          return scores.sub(mean).div(variance.sqrt().add(1e-12)).mul(weight);
        })
        .reduce((a, b) => a.add(b)) as tf.Tensor2D,
    );
  }
}
