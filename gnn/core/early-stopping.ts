/**
 * Model selection on validation checks during training: keeps a copy of the weights at the best
 * check (highest or lowest score), says when `patience` checks in a row have not improved on it,
 * and puts the best weights back at the end.
 */
import * as tf from '@tensorflow/tfjs';

export interface EarlyStoppingOptions {
  /** 'max' for a metric such as Recall@20, 'min' for a loss. */
  mode: 'max' | 'min';
  /** Checks without improvement before `shouldStop`; never stops early when absent. */
  patience?: number;
}

export class EarlyStopping {
  /** The best check so far (epoch undefined before the first improvement). */
  best: { epoch?: number; score: number };
  private weights?: tf.NamedTensorMap;
  private stale = 0;

  constructor(private readonly opts: EarlyStoppingOptions) {
    this.best = { score: opts.mode === 'max' ? -Infinity : Infinity };
  }

  /** Records a check of `weights` at `epoch`; copies them when the score is the best so far. */
  check(epoch: number, score: number, weights: tf.NamedTensorMap): void {
    if (this.opts.mode === 'max' ? score > this.best.score : score < this.best.score) {
      this.discard();
      this.best = { epoch, score };
      this.weights = Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v.clone()]));
      this.stale = 0;
    } else {
      this.stale++;
    }
  }

  get shouldStop(): boolean {
    return this.opts.patience !== undefined && this.stale >= this.opts.patience;
  }

  /** Puts the best weights back (if any check was made) and frees the copy. */
  restore(setWeights: (weights: tf.NamedTensorMap) => void): void {
    if (this.weights) setWeights(this.weights);
    this.discard();
  }

  private discard(): void {
    if (this.weights) tf.dispose(Object.values(this.weights));
    this.weights = undefined;
  }
}
