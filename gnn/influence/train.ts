/**
 * Full-batch training of the influence GNN with Adam: each epoch is one step on the summed loss
 * of all training snapshots (each a past time with the influence of the period after it as label).
 * With a validation snapshot, its Poisson NLL (and, for the record, NDCG@100 and Spearman) is
 * checked every `every` epochs and the weights with the lowest NLL are restored at the end. The
 * NLL, not the ranking metrics, picks: on a few hundred influential users NDCG@100 jumps by ±0.1
 * from one check to the next, so picking its maximum picked noise.
 */
import * as tf from '@tensorflow/tfjs';
import { EarlyStopping } from '../core/early-stopping';
import { noProgress, type OnProgress } from '../core/progress';
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

export interface Validation extends InfluenceMetrics {
  nll: number;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  validation?: Validation;
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
  onProgress?: OnProgress;
}

export function trainInfluence(model: InfluenceGnn, examples: Example[], opts: TrainOptions): TrainResult {
  const optimizer = tf.train.adam(model.hp.lr);
  const vars = model.variables();
  const onProgress = opts.onProgress ?? noProgress;
  const started = performance.now();
  const history: EpochRecord[] = [];
  const stopping = new EarlyStopping({ mode: 'min' });
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const loss = tf.tidy(() => optimizer.minimize(() => tf.addN(examples.map((e) => model.loss(e.input, e.views, e.mask, e.y))) as tf.Scalar, true, vars) as tf.Scalar);
    const record: EpochRecord = { epoch, loss: loss.dataSync()[0] / examples.length };
    loss.dispose();
    const val = opts.validation;
    if (val && (epoch % val.every === 0 || epoch === opts.epochs)) {
      record.validation = validate(model, val.example);
      stopping.check(epoch, record.validation.nll, model.weights());
    }
    history.push(record);
    const v = history.findLast((h) => h.validation)?.validation;
    const bestEpoch = stopping.best.epoch ?? opts.epochs;
    const note = `loss ${record.loss.toFixed(4)}` + (v ? `  val NLL ${v.nll.toFixed(4)} NDCG@100 ${v.ndcg.toFixed(3)} Spearman ${v.spearman.toFixed(3)} (best ep ${bestEpoch})` : '');
    onProgress({ task: opts.label, done: epoch, total: opts.epochs, note, finished: epoch === opts.epochs });
  }
  optimizer.dispose();
  stopping.restore((w) => model.setWeights(w));
  return { epochs: opts.epochs, bestEpoch: stopping.best.epoch ?? opts.epochs, history, seconds: (performance.now() - started) / 1000 };
}

/** NLL over the example's masked users, and metrics over its active users (unmasked ones score lowest, tied). */
export function validate(model: InfluenceGnn, e: Example): Validation {
  const [s, mask, nll] = tf.tidy(() => [model.forward(e.input, e.views).dataSync(), e.mask.dataSync(), model.nll(e.input, e.views, e.mask, e.y).dataSync()[0]]);
  const metrics = influenceMetrics(Array.from(e.active, (u) => (mask[u] > 0 ? s[u] : -Infinity)), Array.from(e.active, (u) => e.label[u]), 100);
  return { ...metrics, nll };
}
