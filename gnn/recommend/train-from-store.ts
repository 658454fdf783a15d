/**
 * `train recommend` from the configured database: the social recommender trained on the store's
 * snapshot, epochs chosen by early stopping on a held-out 10% of each user's interactions (the
 * early-stopped model is kept: serving folds every interaction back in at query time), saved in
 * the model registry and published as user and product embeddings for the API.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelRun, TrainingStore } from '../../src/store/contract';
import { buildCsr } from '../core/graph/csr';
import type { OnProgress } from '../core/progress';
import { publishTrained, type PublishOptions } from '../core/publish';
import { Random } from '../core/random';
import { readSnapshot } from '../core/snapshot';
import { recommendGraph } from './graph';
import { holdOut } from './holdout';
import { SocialRecommender, type RecommendHyperParams } from './model';
import { recommenderRows } from './published';
import { trainBpr } from './train-bpr';

export interface StoreTrainOptions {
  hyperParameters: RecommendHyperParams;
  maxEpochs: number;
  valFraction: number;
  evalEvery: number;
  patience: number;
  seed: number;
}

/** Settings chosen on the LastFM validation split (bench/results/recommend.json). */
export const STORE_DEFAULTS: StoreTrainOptions = {
  hyperParameters: { dim: 64, layers: 3, lr: 0.02, l2: 1e-4, batchSize: 8192, social: 'edges', loss: 'bpr', temperature: 0.2 },
  maxEpochs: 150,
  valFraction: 0.1,
  evalEvery: 5,
  patience: 4,
  seed: 2022,
};

export interface TrainedRecommender {
  run: ModelRun;
  modelDir: string;
  seconds: number;
}

export async function trainRecommendFromStore(
  store: TrainingStore,
  opts: StoreTrainOptions,
  publish: PublishOptions,
  backend: string,
  onProgress?: OnProgress,
): Promise<TrainedRecommender> {
  const started = Date.now();
  const snapshot = await readSnapshot(store);
  const graph = recommendGraph(snapshot);
  const numUsers = graph.userIds.length;
  const numItems = graph.products.length;
  if (graph.interactions.a.length === 0) throw new Error('the store has no reviews or shares to learn from');
  const { fit, validation } = holdOut(graph.interactions, numUsers, opts.valFraction, new Random(opts.seed));
  const model = new SocialRecommender({ numUsers, numItems, interactions: fit, trust: graph.trust }, opts.hyperParameters, opts.seed);
  try {
    const result = trainBpr(model, fit, {
      maxEpochs: opts.maxEpochs,
      seed: opts.seed + 1,
      numUsers,
      numItems,
      validation: { truth: buildCsr(numUsers, validation.a, validation.b), every: opts.evalEvery, patience: opts.patience },
      label: 'train recommend',
      onProgress,
    });
    const emb = model.embed();
    const [users, items] = [(await emb.users.data()) as Float32Array, (await emb.items.data()) as Float32Array];
    tf.dispose([emb.users, emb.items]);
    const { run, modelDir } = await publishTrained(
      store,
      {
        kind: 'recommend',
        snapshot,
        weights: model.weights(),
        hyperParameters: { ...opts.hyperParameters, maxEpochs: opts.maxEpochs, valFraction: opts.valFraction, seed: opts.seed },
        metrics: { validationRecall20: result.bestRecall20 ?? null, epochs: result.bestEpoch, epochsRun: result.epochs },
        backend,
        trainSeconds: (Date.now() - started) / 1000,
        rows: recommenderRows(graph.userIds, graph.products, users, items, opts.hyperParameters.dim),
      },
      publish,
    );
    return { run, modelDir, seconds: (Date.now() - started) / 1000 };
  } finally {
    model.dispose();
  }
}
