/**
 * Full-batch training of the influence GNN with Adam: each epoch is one step on the summed loss
 * of all training snapshots (each a past time with the influence of the period after it as label).
 * With a validation snapshot, its Poisson NLL (and, for the record, NDCG@100 and Spearman) is
 * checked every `every` epochs and the weights with the lowest NLL are restored at the end. The
 * NLL, not the ranking metrics, picks: on a few hundred influential users NDCG@100 jumps by ±0.1
 * from one check to the next, so picking its maximum picked noise.
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
}

export function trainInfluence(model: InfluenceGnn, examples: Example[], opts: TrainOptions): TrainResult {
  const optimizer = tf.train.adam(model.hp.lr);
  const vars = model.variables();
  const progress = new Progress({ label: opts.label, total: opts.epochs });
  const history: EpochRecord[] = [];
  let best = { epoch: opts.epochs, nll: Infinity, weights: undefined as tf.NamedTensorMap | undefined };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const loss = tf.tidy(() => optimizer.minimize(() => tf.addN(examples.map((e) => model.loss(e.input, e.views, e.mask, e.y))) as tf.Scalar, true, vars) as tf.Scalar);
    const record: EpochRecord = { epoch, loss: loss.dataSync()[0] / examples.length };
    loss.dispose();
    const val = opts.validation;
    if (val && (epoch % val.every === 0 || epoch === opts.epochs)) {
      record.validation = validate(model, val.example);
      const { nll } = record.validation;
      if (nll < best.nll) {
        if (best.weights) tf.dispose(Object.values(best.weights));
        best = { epoch, nll, weights: Object.fromEntries(Object.entries(model.weights()).map(([k, v]) => [k, v.clone()])) };
      }
    }
    history.push(record);
    const v = history.findLast((h) => h.validation)?.validation;
    progress.tick(1, `loss ${record.loss.toFixed(4)}` + (v ? `  val NLL ${v.nll.toFixed(4)} NDCG@100 ${v.ndcg.toFixed(3)} Spearman ${v.spearman.toFixed(3)} (best ep ${best.epoch})` : ''));
  }
  progress.finish();
  optimizer.dispose();
  if (best.weights) {
    model.setWeights(best.weights);
    tf.dispose(Object.values(best.weights));
  }
  return { epochs: opts.epochs, bestEpoch: best.epoch, history, seconds: progress.elapsedSeconds() };
}

/** NLL over the example's masked users, and metrics over its active users (unmasked ones score lowest, tied). */
export function validate(model: InfluenceGnn, e: Example): Validation {
  const [s, mask, nll] = tf.tidy(() => [model.forward(e.input, e.views).dataSync(), e.mask.dataSync(), model.nll(e.input, e.views, e.mask, e.y).dataSync()[0]]);
  const metrics = influenceMetrics(Array.from(e.active, (u) => (mask[u] > 0 ? s[u] : -Infinity)), Array.from(e.active, (u) => e.label[u]), 100);
  return { ...metrics, nll };
}
