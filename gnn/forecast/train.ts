/** Full-batch Adam on the forecaster's pinball loss (the windows are few: communities × periods). */
import * as tf from '@tensorflow/tfjs';
import type { CommunityForecaster } from './model';
import type { Windows } from './data';

export interface FitOptions {
  epochs: number;
  lr: number;
}

/** Trains in place (so a refit continues from the current weights); returns the final loss. */
export function fitForecaster(model: CommunityForecaster, windows: Windows, opts: FitOptions): number {
  const loss = model.loss(windows);
  const optimizer = tf.train.adam(opts.lr);
  let last = NaN;
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const value = optimizer.minimize(loss.value, epoch === opts.epochs - 1, model.variables);
      if (value) {
        last = value.dataSync()[0];
        value.dispose();
      }
    }
  } finally {
    loss.dispose();
    optimizer.dispose();
  }
  return last;
}
