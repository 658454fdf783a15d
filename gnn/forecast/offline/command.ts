/** `forecast`: rolling-origin backtest of the community engagement forecaster on Ciao-layout CSVs. */
import { writeFile } from 'node:fs/promises';
import { formatSeconds } from '../../../src/cli/progress';
import { progressBars } from '../../core/progress';
import { initBackend } from '../../core/backend';
import { runCiaoBacktest } from './ciao-backtest';
import { formatBacktest } from './format';
import { FORECAST_DEFAULTS } from '../defaults';
import type { Command, Options } from '../../core/command';

export const forecastCommand: Command = {
  name: 'forecast',
  summary:
    'Backtest community engagement forecasts on Ciao: Louvain communities on the trust graph, monthly reviews per community, ' +
    'from each origin month forecast 1..H months ahead with 80% intervals (model refit on data up to the origin only), ' +
    'compared with naive baselines; writes the forecasts as JSON.',
  options: [
    { name: 'reviews', type: 'string', required: true, description: 'reviews.csv (user_id,product_id,category_id,rating,helpfulness,timestamp)' },
    { name: 'trust', type: 'string', required: true, description: 'trust.csv (truster_id,trustee_id)' },
    { name: 'start', type: 'string', required: true, description: 'first origin month YYYY-MM' },
    { name: 'end', type: 'string', required: true, description: 'last origin month YYYY-MM' },
    { name: 'horizon', type: 'number', default: FORECAST_DEFAULTS.horizon, description: 'months ahead' },
    { name: 'report', type: 'string', required: true, description: 'output JSON {communities, forecasts}' },
    { name: 'seed', type: 'number', default: FORECAST_DEFAULTS.seed, description: 'random seed (Louvain, initialisation)' },
    { name: 'resolution', type: 'number', default: FORECAST_DEFAULTS.resolution, description: 'Louvain resolution' },
    { name: 'min-size', type: 'number', default: FORECAST_DEFAULTS.minSize, description: 'smallest community kept' },
    { name: 'epochs', type: 'number', default: FORECAST_DEFAULTS.epochs, description: 'epochs of the first fit' },
    { name: 'warm-epochs', type: 'number', default: FORECAST_DEFAULTS.warmEpochs, description: 'epochs of each warm-started refit' },
    { name: 'refit-every', type: 'number', default: FORECAST_DEFAULTS.refitEvery, description: 'origins between refits' },
    { name: 'train-window', type: 'number', default: FORECAST_DEFAULTS.trainWindow, description: 'months of training windows before each origin' },
    { name: 'lr', type: 'number', default: FORECAST_DEFAULTS.lr, description: 'Adam learning rate' },
    { name: 'hidden', type: 'number', default: FORECAST_DEFAULTS.hidden, description: 'hidden units of the temporal head' },
    { name: 'user-dim', type: 'number', default: FORECAST_DEFAULTS.userDim, description: 'units of the per-member layer' },
    { name: 'l2', type: 'number', default: FORECAST_DEFAULTS.l2, description: 'L2 weight' },
    { name: 'ensemble', type: 'number', default: FORECAST_DEFAULTS.ensemble, description: 'models from different seeds averaged' },
    { name: 'warmup', type: 'number', default: FORECAST_DEFAULTS.warmupOrigins, description: 'origins before --start run only to calibrate intervals' },
  ],

  async run(o: Options): Promise<void> {
    const backend = await initBackend();
    const started = Date.now();
    const horizon = o.horizon as number;
    const result = runCiaoBacktest(
      {
        reviews: o.reviews as string,
        trust: o.trust as string,
        start: o.start as string,
        end: o.end as string,
        resolution: o.resolution as number,
        minSize: o['min-size'] as number,
        seed: o.seed as number,
        model: { horizon, hidden: o.hidden as number, userDim: o['user-dim'] as number, l2: o.l2 as number },
        epochs: o.epochs as number,
        warmEpochs: o['warm-epochs'] as number,
        refitEvery: o['refit-every'] as number,
        trainWindow: o['train-window'] as number,
        lr: o.lr as number,
        warmupOrigins: o.warmup as number,
        ensemble: o.ensemble as number,
        calibrationSize: FORECAST_DEFAULTS.calibrationSize,
        coverage: FORECAST_DEFAULTS.coverage,
      },
      progressBars(),
    );
    await writeFile(o.report as string, `${JSON.stringify(result.report)}\n`);
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      [`backend: ${backend}`, `time: ${formatSeconds(seconds)} (${seconds.toFixed(1)} s)`, formatBacktest(result), `report: ${o.report}`].join('\n') + '\n',
    );
  },
};
