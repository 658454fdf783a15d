/**
 * `train recommend` from the configured database: the store's snapshot (public interactions only,
 * graph.ts) goes through the same selection and fitting as the offline evaluation (pipeline.ts:
 * hyper-parameters, epochs and the DLAE blend chosen on validation carved from the training
 * data, then refit on all of it; on a large graph its defaults, defaults.ts), and the fitted model is published as one version with its
 * validation metrics (published.ts) and saved in the model registry.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelRun, TrainingStore } from '../../src/store/contract';
import type { OnProgress } from '../core/progress';
import { publishTrained, type PublishOptions } from '../core/publish';
import { readSnapshot, type GraphSnapshot } from '../core/snapshot';
import { withDefaults, type SelectionSettings } from './defaults';
import { recommendGraph, type RecommendGraph } from './graph';
import { buildCsr } from '../core/graph/csr';
import { describe, describeEnsemble, fitRecommender, fittedScorer, type FittedRecommender, type SelectionOptions } from './pipeline';
import { recommenderRows } from './published';
import { topLists } from './top-lists';

export interface TrainedRecommender {
  run: ModelRun;
  modelDir: string;
  seconds: number;
}

/** Settings not given are the defaults for the graph's size (defaults.ts). */
export async function trainRecommendFromStore(
  store: TrainingStore,
  given: SelectionSettings,
  publish: PublishOptions,
  backend: string,
  onProgress?: OnProgress,
  log: (line: string) => void = () => {},
): Promise<TrainedRecommender> {
  const started = Date.now();
  const snapshot = await readSnapshot(store);
  const graph = recommendGraph(snapshot);
  if (graph.interactions.a.length === 0) throw new Error('the store has no reviews or public shares to learn from');
  const opts = withDefaults(given, graph.interactions.a.length, log);
  const fitted = fitRecommender({ numUsers: graph.userIds.length, numItems: graph.products.length, train: graph.interactions, trust: graph.trust }, opts, log, onProgress);
  try {
    const { run, modelDir } = await publishRecommender(store, snapshot, graph, fitted, opts, publish, backend);
    return { run, modelDir, seconds: (Date.now() - started) / 1000 };
  } finally {
    fitted.model.dispose();
  }
}

/** Publishes a fitted recommender (core/publish.ts) with its validation metrics and what serving needs to score as `fittedScorer` does. */
export async function publishRecommender(
  store: TrainingStore,
  snapshot: GraphSnapshot,
  graph: RecommendGraph,
  fitted: FittedRecommender,
  opts: SelectionOptions,
  publish: PublishOptions,
  backend: string,
): Promise<{ run: ModelRun; modelDir: string }> {
  return publishTrained(
    store,
    {
      kind: 'recommend',
      snapshot,
      weights: fitted.model.weights(),
      hyperParameters: { ...fitted.chosen, epochs: fitted.epochs, blend: fitted.ensemble ?? null, selection: { ...opts, valFraction: fitted.valFraction } },
      metrics: {
        validationRecall20: fitted.validation?.recall20 ?? null,
        validationNdcg20: fitted.validation?.ndcg20 ?? null,
        trials: fitted.trials,
        ensembleTrials: fitted.ensembleTrials,
      },
      backend,
      trainSeconds: fitted.trainSeconds,
      metadata: { blend: fitted.ensemble ? { gnnWeight: fitted.ensemble.gnnWeight, form: fitted.ensemble.form } : null, model: `${describe(fitted.chosen)}; ${describeEnsemble(fitted.ensemble)}; ${fitted.finalModel}` },
      rows: await publishedRows(graph, fitted),
    },
    publish,
  );
}

/** The fitted model's rows: final embeddings, with an exact-form blend DLAE's K⁻¹ rows, and each user's top list ranked by the fitted scorer. */
async function publishedRows(graph: RecommendGraph, fitted: FittedRecommender): Promise<ReturnType<typeof recommenderRows>> {
  const emb = fitted.model.embed();
  const [users, items] = [(await emb.users.data()) as Float32Array, (await emb.items.data()) as Float32Array];
  tf.dispose([emb.users, emb.items]);
  const scorer = fittedScorer(fitted);
  try {
    const lists = topLists(scorer, buildCsr(graph.userIds.length, graph.interactions.a, graph.interactions.b));
    return recommenderRows(graph, users, items, fitted.chosen.dim, fitted.dlae, lists);
  } finally {
    scorer.dispose();
  }
}
