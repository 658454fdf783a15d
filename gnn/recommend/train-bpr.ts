/**
 * BPR training loop with Adam. Each epoch visits every training interaction once in a seeded
 * shuffled order, pairing it with a uniform negative; the full propagation is recomputed per batch.
 * With a validation set, Recall@20 on it is checked every `every` epochs and training stops
 * after `patience` checks without improvement; the best checkpoint is restored. `maxSeconds` caps a
 * run's wall time at whole epochs (each full-graph step costs seconds on large graphs: at 25k users
 * and 300k items an epoch is minutes), with a validation check at the last epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { EarlyStopping } from '../core/early-stopping';
import { buildCsr, type Csr } from '../core/graph/csr';
import { noProgress, type OnProgress } from '../core/progress';
import { evaluateRanking } from './offline/evaluate';
import type { PairList } from './graph';
import type { SocialRecommender } from './model';
import { sampleNegative } from './negative-sampler';
import { Random } from '../core/random';

export interface ValidationOptions {
  /** Held-out items per user. */
  truth: Csr;
  every: number;
  patience: number;
}

export interface TrainOptions {
  maxEpochs: number;
  seed: number;
  numUsers: number;
  numItems: number;
  validation?: ValidationOptions;
  /** Stop after the epoch that passes this many seconds (0 or absent: no limit). */
  maxSeconds?: number;
  label?: string;
  onProgress?: OnProgress;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  recall20?: number;
  ndcg20?: number;
}

export interface TrainResult {
  epochs: number;
  /** Epoch of the restored checkpoint (= epochs without validation). */
  bestEpoch: number;
  bestRecall20?: number;
  history: EpochRecord[];
  seconds: number;
}

export function trainBpr(model: SocialRecommender, train: PairList, opts: TrainOptions): TrainResult {
  const rng = new Random(opts.seed);
  const positives = buildCsr(opts.numUsers, train.a, train.b);
  const optimizer = tf.train.adam(model.hp.lr);
  const vars = model.variables();
  const batch = model.hp.batchSize;
  const n = train.a.length;
  const order = Int32Array.from({ length: n }, (_, k) => k);
  const u = new Int32Array(batch);
  const i = new Int32Array(batch);
  const j = new Int32Array(batch);
  const task = opts.label ?? 'train';
  const onProgress = opts.onProgress ?? noProgress;
  const started = performance.now();
  const history: EpochRecord[] = [];
  const val = opts.validation;
  const stopping = new EarlyStopping({ mode: 'max', patience: val?.patience });
  let epoch = 0;
  while (epoch < opts.maxEpochs) {
    epoch++;
    rng.shuffle(order);
    let lossSum = 0;
    for (let start = 0; start < n; start += batch) {
      const size = Math.min(batch, n - start);
      for (let b = 0; b < size; b++) {
        const k = order[start + b];
        u[b] = train.a[k];
        i[b] = train.b[k];
        j[b] = sampleNegative(positives, u[b], opts.numItems, rng);
      }
      const loss = optimizer.minimize(() => model.loss(u.subarray(0, size), i.subarray(0, size), j.subarray(0, size)), true, vars) as tf.Scalar;
      lossSum += loss.dataSync()[0] * size;
      loss.dispose();
    }
    const record: EpochRecord = { epoch, loss: lossSum / n };
    const outOfTime = Boolean(opts.maxSeconds) && (performance.now() - started) / 1000 >= opts.maxSeconds!;
    if (val && (epoch % val.every === 0 || epoch === opts.maxEpochs || outOfTime)) {
      const scorer = model.scorer();
      const { metrics } = evaluateRanking(scorer, val.truth, positives, [20]);
      scorer.dispose();
      record.recall20 = metrics[20].recall;
      record.ndcg20 = metrics[20].ndcg;
      stopping.check(epoch, metrics[20].recall, model.weights());
    }
    history.push(record);
    const { best } = stopping;
    const bestNote = !val ? '' : best.epoch ? `  best val R@20 ${best.score.toFixed(4)} (ep ${best.epoch})` : '  val R@20 -';
    const stop = (Boolean(val) && stopping.shouldStop) || outOfTime;
    onProgress({ task, done: epoch, total: opts.maxEpochs, note: `loss ${record.loss.toFixed(4)}${bestNote}${outOfTime ? '  time budget reached' : ''}`, finished: stop || epoch === opts.maxEpochs });
    if (stop) break;
  }
  optimizer.dispose();
  stopping.restore((w) => model.setWeights(w));
  return {
    epochs: epoch,
    bestEpoch: val ? (stopping.best.epoch ?? 0) : epoch,
    bestRecall20: val ? stopping.best.score : undefined,
    history,
    seconds: (performance.now() - started) / 1000,
  };
}
