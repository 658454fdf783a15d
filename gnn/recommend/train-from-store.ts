/**
 * `train recommend` from the configured database: the social recommender trained on the store's
 * snapshot, epochs chosen by early stopping on a held-out 10% of each user's interactions (the
 * early-stopped model is kept: serving folds every interaction back in at query time), saved in
 * the model registry and published as user and product embeddings for the API.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelRun, TrainingStore } from '../../src/store/contract';
import { buildCsr } from '../core/graph/csr';
import { SocialRecommender, type RecommendHyperParams } from './model';
import { saveModel } from '../core/registry';
import { holdOut } from './holdout';
import { Random } from '../core/random';
import { trainBpr } from './train-bpr';
import { readRecommendGraph } from './graph-from-store';
import { recommenderRows } from './published';

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
  modelRoot: string,
  backend: string,
  source: string,
): Promise<TrainedRecommender> {
  const started = Date.now();
  const graph = await readRecommendGraph(store, source);
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
    });
    const metrics = { validationRecall20: result.bestRecall20 ?? null, epochs: result.bestEpoch, epochsRun: result.epochs };
    const { record, dir } = await saveModel(`${modelRoot}/recommend`, model.weights(), {
      kind: 'recommend',
      data: graph.snapshot,
      hyperParameters: { ...opts.hyperParameters, maxEpochs: opts.maxEpochs, valFraction: opts.valFraction, seed: opts.seed },
      metrics,
      backend,
    });
    const emb = model.embed();
    const [users, items] = [(await emb.users.data()) as Float32Array, (await emb.items.data()) as Float32Array];
    tf.dispose([emb.users, emb.items]);
    const run: ModelRun = {
      kind: 'recommend',
      version: `v${record.version}-${Date.now()}`,
      createdAt: Date.now(),
      metadata: { modelDir: dir, backend, data: graph.snapshot, hyperParameters: record.hyperParameters, metrics, trainSeconds: (Date.now() - started) / 1000 },
    };
    await store.models.publish(run, recommenderRows(graph.userIds, graph.products, users, items, opts.hyperParameters.dim));
    return { run, modelDir: dir, seconds: (Date.now() - started) / 1000 };
  } finally {
    model.dispose();
  }
}
