/**
 * Community engagement forecasting benchmark on Ciao: the same backtest as
 * `npm run gnn -- forecast` (Louvain communities of 20+ members on the trust graph, monthly
 * reviews, origins 2008-01..2010-12, horizons 1-3), per Louvain resolution. Records MAE and MASE
 * per horizon for the model and every baseline, interval coverage, the community size
 * distribution, time and backend in bench/results/forecast.json, cross-checked by
 * bench/eval-forecast.mjs. Usage: npx tsx bench/forecast-ciao.ts [r1|r4 ...]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { progressBars } from '../gnn/core/progress';
import { initBackend } from '../gnn/core/backend';
import { runCiaoBacktest, type CiaoBacktestOptions } from '../gnn/forecast/offline/ciao-backtest';
import { FORECAST_DEFAULTS as D } from '../gnn/forecast/defaults';
import { formatBacktest } from '../gnn/forecast/offline/format';

const CIAO = '../shared/datasets/ciao';
const RESULTS = 'bench/results/forecast.json';

const base: CiaoBacktestOptions = {
  reviews: join(CIAO, 'reviews.csv'),
  trust: join(CIAO, 'trust.csv'),
  start: '2008-01',
  end: '2010-12',
  resolution: D.resolution,
  minSize: D.minSize,
  seed: D.seed,
  model: { horizon: D.horizon, hidden: D.hidden, userDim: D.userDim, l2: D.l2 },
  epochs: D.epochs,
  warmEpochs: D.warmEpochs,
  refitEvery: D.refitEvery,
  trainWindow: D.trainWindow,
  lr: D.lr,
  warmupOrigins: D.warmupOrigins,
  ensemble: D.ensemble,
  calibrationSize: D.calibrationSize,
  coverage: D.coverage,
};

/** r1: Louvain's default resolution (4 large communities); r4: finer communities (about 30). */
const SETTINGS: Record<string, CiaoBacktestOptions> = {
  r1: base,
  r4: { ...base, resolution: 4 },
};

function commandLine(s: CiaoBacktestOptions, report: string): string {
  return [
    'npm run gnn -- forecast', `--reviews ${s.reviews}`, `--trust ${s.trust}`, `--start ${s.start}`, `--end ${s.end}`,
    `--horizon ${s.model.horizon}`, `--report ${report}`, `--seed ${s.seed}`, `--resolution ${s.resolution}`,
  ].join(' ');
}

const backend = await initBackend();
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SETTINGS);
// Runs of one setting keep the others' last recorded results.
const results: Record<string, unknown> = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')).results : {};
for (const name of names) {
  const settings = SETTINGS[name];
  if (!settings) throw new Error(`unknown setting ${name}; known: ${Object.keys(SETTINGS).join(', ')}`);
  const started = Date.now();
  const run = runCiaoBacktest(settings, progressBars());
  const seconds = (Date.now() - started) / 1000;
  const report = join(tmpdir(), `forecast-ciao-${name}.json`);
  writeFileSync(report, JSON.stringify(run.report));
  const independent = JSON.parse(execFileSync(process.execPath, ['bench/eval-forecast.mjs', report, settings.reviews], { encoding: 'utf8' }));
  const agrees =
    independent.mae.every((m: number, h: number) => Math.abs(m - run.metrics.model.mae[h]) < 1e-6) &&
    Math.abs(independent.coverageOverall - run.metrics.coverage.overall) < 1e-9;
  process.stderr.write(`${name}: ${seconds.toFixed(0)} s\n${formatBacktest(run)}\nindependent check ${agrees ? 'agrees' : 'DISAGREES'}\n`);
  results[name] = {
    command: commandLine(settings, report),
    backend,
    seconds: Number(seconds.toFixed(1)),
    settings: { ...settings, reviews: undefined, trust: undefined },
    communities: run.communities,
    metrics: run.metrics,
    independentCheck: { ...independent, agrees },
    date: new Date().toISOString(),
  };
}
mkdirSync('bench/results', { recursive: true });
const out = { results };
writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
