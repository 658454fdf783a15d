/**
 * End-to-end social recommendation run on one split directory:
 *  1. carve a validation set from the training data (seeded, per user); the validation metric is
 *     computed on a seeded sample of at most `valUsers` of those users (ranking is the costly part);
 *  2. for each hyper-parameter combination, train with early stopping on validation Recall@20;
 *  3. keep the best combination and its best epoch count, then retrain from scratch on the full
 *     training set for that many epochs (`refit`; without it the early-stopped model is kept);
 *  4. touch the test set once: rank all non-training items for every test user, top 20, metrics.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { readSplit, type Split } from '../dataset/split';
import { evaluateRanking } from '../eval/evaluate';
import type { RankingMetrics } from '../eval/metrics';
import { buildCsr } from '../graph/csr';
import { SocialRecommender, type RecommendHyperParams } from '../models/recommend';
import { holdOut, sampleUsers } from './holdout';
import { Random } from './random';
import { trainBpr, type TrainResult } from './train-bpr';

export interface RecommendGrid {
  dim: number[];
  layers: number[];
  lr: number[];
  l2: number[];
  batchSize: number[];
  social: RecommendHyperParams['social'][];
  loss: RecommendHyperParams['loss'][];
  temperature: number[];
}

export interface RecommendRunOptions {
  split: string;
  grid: RecommendGrid;
  /** Maximum epochs per validation run, or the exact count when there is no validation. */
  maxEpochs: number;
  /** Fraction of each user's training items held out for validation; 0 disables selection. */
  valFraction: number;
  /** At most this many users are ranked for each validation check. */
  valUsers: number;
  evalEvery: number;
  patience: number;
  refit: boolean;
  seed: number;
  log?: (line: string) => void;
}

export interface Trial {
  hyperParameters: RecommendHyperParams;
  bestEpoch: number;
  valRecall20: number;
  epochsRun: number;
  seconds: number;
}

export interface RecommendRun {
  backend: string;
  split: Split;
  chosen: RecommendHyperParams;
  /** Epochs the final model was trained for. */
  epochs: number;
  /** 'refit on full training set' or 'early-stopped on 90% of training set' etc. */
  finalModel: string;
  trials: Trial[];
  test: RankingMetrics;
  /** Top-20 per test user, best first. */
  predictions: Record<string, number[]>;
  trainSeconds: number;
  /** CPU time of this process over the same span: what the run costs on an otherwise idle core. */
  trainCpuSeconds: number;
  model: SocialRecommender;
}

const KS = [10, 20];

function* combinations(grid: RecommendGrid): Generator<RecommendHyperParams> {
  for (const dim of grid.dim)
    for (const layers of grid.layers)
      for (const lr of grid.lr)
        for (const l2 of grid.l2)
          for (const batchSize of grid.batchSize)
            for (const social of grid.social)
              for (const loss of grid.loss)
                // τ only matters for the softmax loss: do not repeat BPR runs per temperature.
                for (const temperature of loss === 'softmax' ? grid.temperature : grid.temperature.slice(0, 1))
                  yield { dim, layers, lr, l2, batchSize, social, loss, temperature };
}

export function describe(hp: RecommendHyperParams): string {
  const loss = hp.loss === 'softmax' ? `softmax(τ=${hp.temperature})` : hp.loss;
  return `social=${hp.social} loss=${loss} dim=${hp.dim} layers=${hp.layers} lr=${hp.lr} l2=${hp.l2} batch=${hp.batchSize}`;
}

export async function runRecommend(opts: RecommendRunOptions): Promise<RecommendRun> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const backend = await initBackend(log);
  const split = readSplit(opts.split);
  const { numUsers, numItems } = split;
  log(`gnn: ${opts.split}: ${numUsers} users, ${numItems} items, ${split.train.a.length} train / ${split.test.a.length} test interactions, ${split.trust.a.length} trust edges`);
  const started = Date.now();
  const cpuStarted = process.cpuUsage();
  const trials: Trial[] = [];
  const grid = [...combinations(opts.grid)];
  let chosen = grid[0];
  let epochs = opts.maxEpochs;
  let model: SocialRecommender | undefined;
  let finalModel = `trained on the full training set for ${epochs} epochs (no validation)`;

  if (opts.valFraction > 0) {
    const rng = new Random(opts.seed);
    const { fit, validation } = holdOut(split.train, numUsers, opts.valFraction, rng);
    const checked = sampleUsers(validation, opts.valUsers, rng);
    const truth = buildCsr(numUsers, checked.a, checked.b);
    let best: { trial: Trial; model: SocialRecommender } | undefined;
    for (const hp of grid) {
      const candidate = new SocialRecommender({ numUsers, numItems, interactions: fit, trust: split.trust }, hp, opts.seed);
      const result: TrainResult = trainBpr(candidate, fit, {
        maxEpochs: opts.maxEpochs,
        seed: opts.seed + 1,
        numUsers,
        numItems,
        validation: { truth, every: opts.evalEvery, patience: opts.patience },
        label: `validate ${describe(hp)}`,
      });
      const trial: Trial = {
        hyperParameters: hp,
        bestEpoch: result.bestEpoch,
        valRecall20: result.bestRecall20 ?? 0,
        epochsRun: result.epochs,
        seconds: result.seconds,
      };
      trials.push(trial);
      log(`gnn: validation Recall@20 ${trial.valRecall20.toFixed(4)} at epoch ${trial.bestEpoch} for ${describe(hp)}`);
      if (!best || trial.valRecall20 > best.trial.valRecall20) {
        best?.model.dispose();
        best = { trial, model: candidate };
      } else {
        candidate.dispose();
      }
    }
    chosen = best!.trial.hyperParameters;
    epochs = best!.trial.bestEpoch;
    if (opts.refit) {
      best!.model.dispose();
      finalModel = `retrained on the full training set for the validation-chosen ${epochs} epochs`;
    } else {
      model = best!.model;
      finalModel = `early-stopped at epoch ${epochs}, trained on ${Math.round((1 - opts.valFraction) * 100)}% of the training set`;
    }
  }
  if (!model) {
    model = new SocialRecommender({ numUsers, numItems, interactions: split.train, trust: split.trust }, chosen, opts.seed);
    trainBpr(model, split.train, { maxEpochs: epochs, seed: opts.seed + 1, numUsers, numItems, label: `train ${describe(chosen)}` });
  }
  const trainSeconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;

  // The single look at the test set.
  const emb = model.embed();
  const result = evaluateRanking(emb, buildCsr(numUsers, split.test.a, split.test.b), buildCsr(numUsers, split.train.a, split.train.b), KS);
  tf.dispose([emb.users, emb.items]);
  const predictions: Record<string, number[]> = {};
  result.users.forEach((u, k) => {
    predictions[String(u)] = Array.from(result.ranked[k]);
  });
  return { backend, split, chosen, epochs, finalModel, trials, test: result.metrics, predictions, trainSeconds, trainCpuSeconds, model };
}
