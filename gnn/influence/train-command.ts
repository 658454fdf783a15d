/** `train influence`: learn influence from the configured database and publish it for the API. */
import { loadConfig } from '../../src/server/config';
import { openConfiguredTrainingStore } from '../../src/store/open-training';
import { parseDate } from '../core/activity-log';
import { progressBars } from '../core/progress';
import { KEEP_OPTION } from '../core/publish';
import { STORE_TRAIN_OPTIONS, trainInfluenceFromStore } from './from-store';
import { trainOptions, trainOptionSpecs } from './options';
import { UsageError, type Command, type Options } from '../core/command';

export const trainInfluenceCommand: Command = {
  name: 'train influence',
  summary:
    'Read the graph from the configured store (DATA_DIR or NEO4J_URI; through the running server when it holds the database), train the per-category influence model on its past, ' +
    'and publish per-user scores, ranks, category scores and explanations as the current "influence" model run.',
  options: [
    { name: 'cutoff', type: 'string', description: 'YYYY-MM-DD (UTC) to score at (default: just after the last action)' },
    ...trainOptionSpecs(STORE_TRAIN_OPTIONS),
    KEEP_OPTION,
  ],

  async run(o: Options): Promise<void> {
    let cutoff: number | undefined;
    try {
      cutoff = o.cutoff === undefined ? undefined : parseDate(o.cutoff as string);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const opts = trainOptions(o, STORE_TRAIN_OPTIONS);
    const config = loadConfig();
    const store = await openConfiguredTrainingStore(config);
    try {
      const out = await trainInfluenceFromStore(store, opts, { modelRoot: config.modelDir, keep: o.keep as number }, cutoff, progressBars());
      process.stdout.write(
        [
          `backend: ${out.backend}`,
          `store: ${'engine' in store ? store.engine : 'through the running server'}; cutoff ${out.run.metadata.cutoff}`,
          `training time: ${out.trainSeconds.toFixed(1)} s (features: ${(out.run.metadata.hyperParameters as { groups: string[] }).groups.join(' + ')})`,
          `published influence run ${out.run.version}: ${out.users} users; model saved in ${out.modelDir}`,
          `top 10: ${out.ranking.slice(0, 10).join(', ')}`,
        ].join('\n') + '\n',
      );
    } finally {
      await store.close();
    }
  },
};
