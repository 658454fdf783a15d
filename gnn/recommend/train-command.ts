/** `train recommend`: train the social recommender on the configured database and publish it. */
import { loadConfig } from '../../src/server/config';
import { openConfiguredTrainingStore } from '../../src/store/open-training';
import { initBackend } from '../core/backend';
import { KEEP_OPTION } from '../core/publish';
import { progressBars } from '../core/progress';
import { STORE_DEFAULTS, trainRecommendFromStore } from './train-from-store';
import type { Command, Options } from '../core/command';

export const trainRecommendCommand: Command = {
  name: 'train recommend',
  summary:
    'Read the graph from the configured database (DATA_DIR or NEO4J_URI; through the running server when it holds the database), ' +
    'train the social recommender with early stopping on held-out interactions, and publish user and product embeddings (kind "recommend").',
  options: [
    { name: 'epochs', type: 'number', default: STORE_DEFAULTS.maxEpochs, description: 'maximum epochs' },
    { name: 'dim', type: 'number', default: STORE_DEFAULTS.hyperParameters.dim, description: 'embedding size' },
    { name: 'lr', type: 'number', default: STORE_DEFAULTS.hyperParameters.lr, description: 'Adam learning rate' },
    { name: 'seed', type: 'number', default: STORE_DEFAULTS.seed, description: 'random seed' },
    KEEP_OPTION,
  ],

  async run(o: Options): Promise<void> {
    const backend = await initBackend();
    const config = loadConfig();
    const store = await openConfiguredTrainingStore(config);
    try {
      const trained = await trainRecommendFromStore(
        store,
        {
          ...STORE_DEFAULTS,
          hyperParameters: { ...STORE_DEFAULTS.hyperParameters, dim: o.dim as number, lr: o.lr as number },
          maxEpochs: o.epochs as number,
          seed: o.seed as number,
        },
        { modelRoot: config.modelDir, keep: o.keep as number },
        backend,
        progressBars(),
      );
      const m = trained.run.metadata as { metrics: { validationRecall20: number | null; epochs: number }; data: { counts: Record<string, number> } };
      process.stdout.write(
        [
          `backend: ${backend}`,
          `data: ${Object.entries(m.data.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`,
          `early-stopped at epoch ${m.metrics.epochs}, validation Recall@20 ${m.metrics.validationRecall20?.toFixed(4) ?? 'n/a'}`,
          `published recommend version ${trained.run.version} in ${trained.seconds.toFixed(1)} s; model saved in ${trained.modelDir}`,
        ].join('\n') + '\n',
      );
    } finally {
      await store.close();
    }
  },
};
