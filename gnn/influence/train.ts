/**
 * Full-batch training of the influence GNN with Adam: each epoch is one step on the summed loss
 * of all training snapshots (each a past time with the influence of the period after it as label).
 * With a validation snapshot, NDCG@100 + Spearman on it are checked every `every` epochs and
 * the best weights are restored at the end.
 */
import * as tf from '@tensorflow/tfjs';
import { Progress } from '../../src/cli/progress';
import type { GraphViews } from './graph-views';
import { influenceMetrics, type InfluenceMetrics } from './metrics';
import type { InfluenceGnn, NodeInput } from './model';

export interface Example {
  input: NodeInput;
  views: GraphViews;
  /** 1 for users active at the snapshot, else 0, [N]. */
  mask: tf.Tensor1D;
  /** Influence in the period after the snapshot, [N]. */
  y: tf.Tensor1D;
  active: Int32Array;
  label: Float64Array;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  validation?: InfluenceMetrics;
}

export interface TrainResult {
  epochs: number;
  bestEpoch: number;
  history: EpochRecord[];
  seconds: number;
}

export interface TrainOptions {
  epochs: number;
  label: string;
  validation?: { example: Example; every: number };
}

export function trainInfluence(model: InfluenceGnn, examples: Example[], opts: TrainOptions): TrainResult {
  const optimizer = tf.train.adam(model.hp.lr);
  const vars = model.variables();
  const progress = new Progress({ label: opts.label, total: opts.epochs });
  const history: EpochRecord[] = [];
  let best = { epoch: opts.epochs, value: -Infinity, weights: undefined as tf.NamedTensorMap | undefined };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const loss = tf.tidy(() => optimizer.minimize(() => tf.addN(examples.map((e) => model.loss(e.input, e.views, e.mask, e.y))) as tf.Scalar, true, vars) as tf.Scalar);
    const record: EpochRecord = { epoch, loss: loss.dataSync()[0] / examples.length };
    loss.dispose();
    const val = opts.validation;
    if (val && (epoch % val.every === 0 || epoch === opts.epochs)) {
      record.validation = validate(model, val.example);
      const value = record.validation.ndcg + record.validation.spearman;
      if (value > best.value) {
        if (best.weights) tf.dispose(Object.values(best.weights));
        best = { epoch, value, weights: Object.fromEntries(Object.entries(model.weights()).map(([k, v]) => [k, v.clone()])) };
      }
    }
    history.push(record);
    const v = history.findLast((h) => h.validation)?.validation;
    progress.tick(1, `loss ${record.loss.toFixed(4)}` + (v ? `  val NDCG@100 ${v.ndcg.toFixed(3)} Spearman ${v.spearman.toFixed(3)} (best ep ${best.epoch})` : ''));
  }
  progress.finish();
  optimizer.dispose();
  if (best.weights) {
    model.setWeights(best.weights);
    tf.dispose(Object.values(best.weights));
  }
  return { epochs: opts.epochs, bestEpoch: best.epoch, history, seconds: progress.elapsedSeconds() };
}

/** Metrics of the model's scores against the example's label, over its active users (unmasked ones score lowest, tied). */
export function validate(model: InfluenceGnn, e: Example): InfluenceMetrics {
  const [s, mask] = tf.tidy(() => [model.forward(e.input, e.views).dataSync(), e.mask.dataSync()]);
  return influenceMetrics(Array.from(e.active, (u) => (mask[u] > 0 ? s[u] : -Infinity)), Array.from(e.active, (u) => e.label[u]), 100);
}
