/** `train recommend`: select and fit the recommender on the configured database exactly as the offline evaluation does, and publish it. */
import { loadConfig } from '../../src/server/config';
import { openConfiguredTrainingStore } from '../../src/store/open-training';
import { initBackend } from '../core/backend';
import type { Command, Options } from '../core/command';
import { progressBars } from '../core/progress';
import { KEEP_OPTION } from '../core/publish';
import { LARGE_GRAPH, LARGE_GRAPH_PAIRS, RECOMMEND_DEFAULTS } from './defaults';
import { trainRecommendFromStore } from './train-from-store';

export const trainRecommendCommand: Command = {
  name: 'train recommend',
  summary:
    'Read the graph from the configured database (DATA_DIR or NEO4J_URI; through the running server when it holds the database), ' +
    'choose and fit the recommender as `recommend` does (GNN epochs and the DLAE blend chosen on validation carved from the training data, then refit on all of it; ' +
    'the settings are `recommend`\'s defaults for the graph\'s size), and publish it (kind "recommend") with its validation metrics.',
  options: [
    { name: 'epochs', type: 'number', description: `maximum epochs of the validation run (default ${RECOMMEND_DEFAULTS.maxEpochs}; ${LARGE_GRAPH.maxEpochs} past ${LARGE_GRAPH_PAIRS.toLocaleString('en')} training pairs)` },
    { name: 'seed', type: 'number', default: RECOMMEND_DEFAULTS.seed, description: 'random seed' },
    KEEP_OPTION,
  ],

  async run(o: Options): Promise<void> {
    const backend = await initBackend();
    const config = loadConfig();
    const store = await openConfiguredTrainingStore(config);
    try {
      const trained = await trainRecommendFromStore(
        store,
        { maxEpochs: o.epochs as number | undefined, seed: o.seed as number },
        { modelRoot: config.modelDir, keep: o.keep as number },
        backend,
        progressBars(),
        (line) => process.stderr.write(`${line}\n`),
      );
      const m = trained.run.metadata as { metrics: { validationRecall20: number | null; validationNdcg20: number | null }; data: { counts: Record<string, number> }; model: string };
      const f = (x: number | null) => x?.toFixed(4) ?? 'n/a';
      process.stdout.write(
        [
          `backend: ${backend}`,
          `data: ${Object.entries(m.data.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`,
          `model: ${m.model}`,
          `validation Recall@20 ${f(m.metrics.validationRecall20)}, NDCG@20 ${f(m.metrics.validationNdcg20)}`,
          `published recommend version ${trained.run.version} in ${trained.seconds.toFixed(1)} s; model saved in ${trained.modelDir}`,
        ].join('\n') + '\n',
      );
    } finally {
      await store.close();
    }
  },
};
