/** `train forecast`: communities and weekly engagement forecasts from the configured database, published for the API. */
import { formatSeconds } from '../../src/cli/progress';
import { loadConfig } from '../../src/server/config';
import { openConfiguredTrainingStore } from '../../src/store/open-training';
import { initBackend } from '../core/backend';
import { progressBars } from '../core/progress';
import { KEEP_OPTION } from '../core/publish';
import { FORECAST_DEFAULTS, WEEKLY_DEFAULTS } from './defaults';
import { snapshotNames, trainForecastFromStore } from './train-from-store';
import { UsageError, type Command, type Options } from '../core/command';

export const trainForecastCommand: Command = {
  name: 'train forecast',
  summary:
    'Read the graph from the configured database (DATA_DIR or NEO4J_URI; through the running server when it holds the database), detect communities on the follow graph (ids stable against ' +
    'the published run), count weekly engagement, forecast weekly reviews per community with 80% intervals, and publish the run (kind "forecast").',
  options: [
    { name: 'horizon', type: 'number', default: WEEKLY_DEFAULTS.horizon, description: 'weeks ahead' },
    { name: 'seed', type: 'number', default: FORECAST_DEFAULTS.seed, description: 'random seed (Louvain, initialisation)' },
    { name: 'resolution', type: 'number', default: WEEKLY_DEFAULTS.resolution, description: 'Louvain resolution' },
    { name: 'min-size', type: 'number', default: WEEKLY_DEFAULTS.minSize, description: 'smallest community kept' },
    { name: 'min-jaccard', type: 'number', default: WEEKLY_DEFAULTS.minJaccard, description: 'overlap needed to keep a previous community id' },
    { name: 'evaluation-weeks', type: 'number', default: WEEKLY_DEFAULTS.evaluationWeeks, description: 'weeks backtested before the last complete one' },
    { name: 'epochs', type: 'number', default: FORECAST_DEFAULTS.epochs, description: 'epochs of the first fit' },
    { name: 'as-of', type: 'string', description: 'YYYY-MM-DD (UTC): forecast from the week containing it (default: just after the latest interaction)' },
    KEEP_OPTION,
  ],

  async run(o: Options): Promise<void> {
    const backend = await initBackend();
    const config = loadConfig();
    const started = Date.now();
    const store = await openConfiguredTrainingStore(config);
    const names = snapshotNames(store);
    try {
      const trained = await trainForecastFromStore(
        store,
        {
          ...WEEKLY_DEFAULTS,
          model: { horizon: o.horizon as number, hidden: FORECAST_DEFAULTS.hidden, userDim: FORECAST_DEFAULTS.userDim, l2: FORECAST_DEFAULTS.l2 },
          seed: o.seed as number,
          resolution: o.resolution as number,
          minSize: o['min-size'] as number,
          minJaccard: o['min-jaccard'] as number,
          evaluationWeeks: o['evaluation-weeks'] as number,
          epochs: o.epochs as number,
          now: started,
          asOf: o['as-of'] === undefined ? undefined : asOfDate(o['as-of'] as string),
        },
        { modelRoot: config.modelDir, keep: o.keep as number },
        backend,
        names,
        progressBars(),
      );
      const m = trained.run.metadata as { metrics: { model: { mae: number[] }; baselines: Record<string, { mae: number[] }>; coverage: { overall: number } }; detection: { modularity: number } };
      const seconds = (Date.now() - started) / 1000;
      const f = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
      process.stdout.write(
        [
          `backend: ${backend}`,
          `communities: ${trained.communities.length} (sizes ${trained.communities.map((c) => c.size).join(', ')}), modularity ${m.detection.modularity.toFixed(3)}`,
          `last ${o['evaluation-weeks']} weeks, weekly reviews MAE per horizon: model ${f(m.metrics.model.mae)}, mean12 ${f(m.metrics.baselines.mean12.mae)}, last ${f(m.metrics.baselines.last.mae)}`,
          `80% interval coverage over those weeks: ${(100 * m.metrics.coverage.overall).toFixed(1)}%`,
          `published forecast version ${trained.run.version} in ${formatSeconds(seconds)}`,
        ].join('\n') + '\n',
      );
    } finally {
      await store.close();
    }
  },
};

function asOfDate(text: string): number {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
  if (!Number.isFinite(t)) throw new UsageError(`--as-of expects YYYY-MM-DD, got "${text}"`);
  return t;
}
