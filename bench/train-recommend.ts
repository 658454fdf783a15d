/**
 * Social-recommendation benchmark on the shipped SocialLGN splits: the same pipeline as
 * `npm run gnn -- recommend` (validation selection on training data, refit, one test pass),
 * with the settings below. Records backend, training time, chosen hyper-parameters and test
 * metrics in bench/results/recommend.json, cross-checked by bench/eval-recommendations.mjs.
 * Usage: npx tsx bench/train-recommend.ts [lastfm|ciao ...]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { progressBars } from '../gnn/core/progress';
import { RECOMMEND_DEFAULTS } from '../gnn/recommend/defaults';
import { runRecommend } from '../gnn/recommend/offline/run';
import type { SelectionOptions } from '../gnn/recommend/pipeline';

const DATASETS = '../shared/datasets';

/** Every setting spelled out, whatever the split's size. */
type Settings = SelectionOptions;

/** The command-line equivalent is printed with each result. */
const SETTINGS: Record<string, Settings> = {
  // The defaults of `recommend` and `train recommend` are the LastFM settings.
  lastfm: RECOMMEND_DEFAULTS,
  // Ciao is 6x larger: only 5% of the training data is held out for choosing the epoch count.
  ciao: {
    grid: { dim: [64], layers: [3], lr: [0.02], l2: [1e-4], batchSize: [8192], social: ['edges'], loss: ['bpr'], temperature: [0.2], contrast: [0], noise: [0.1] },
    ensemble: { lambda: [60, 200], dropout: [0.25, 0.5], gnnWeight: [1, 0.65, 0.5, 0.35, 0] },
    maxEpochs: 40,
    valFraction: 0.05,
    valUsers: 3000,
    evalEvery: 5,
    patience: 3,
    refit: true,
    seed: 2022,
  },
};

function commandLine(name: string, s: Settings, predictions: string): string {
  const g = s.grid;
  return [
    'npm run gnn -- recommend', `--split ${join(DATASETS, name, 'sociallgn-split')}`, `--predictions ${predictions}`,
    `--epochs ${s.maxEpochs}`, `--dim ${g.dim}`, `--layers ${g.layers}`, `--lr ${g.lr}`, `--l2 ${g.l2}`, `--batch ${g.batchSize}`,
    `--social ${g.social}`, `--loss ${g.loss}`, `--temperature ${g.temperature}`, `--contrast ${g.contrast}`, `--noise ${g.noise}`,
    `--dlae-lambda ${s.ensemble.lambda}`, `--dlae-dropout ${s.ensemble.dropout}`, `--gnn-weight ${s.ensemble.gnnWeight}`, ...(s.valFraction === undefined ? [] : [`--val-fraction ${s.valFraction}`]), `--val-users ${s.valUsers}`, `--eval-every ${s.evalEvery}`, `--patience ${s.patience}`,
    s.refit ? '--refit' : '--no-refit', `--seed ${s.seed}`,
  ].join(' ');
}

const RESULTS = 'bench/results/recommend.json';
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SETTINGS);
const results: Record<string, unknown> = {};
for (const name of names) {
  const settings = SETTINGS[name];
  if (!settings) throw new Error(`unknown dataset ${name}; known: ${Object.keys(SETTINGS).join(', ')}`);
  const split = join(DATASETS, name, 'sociallgn-split');
  const run = await runRecommend({ split, ...settings, onProgress: progressBars() });
  const predictions = join(tmpdir(), `recommend-${name}-predictions.json`);
  writeFileSync(predictions, JSON.stringify(run.predictions));
  const independent = JSON.parse(execFileSync(process.execPath, ['bench/eval-recommendations.mjs', predictions, split], { encoding: 'utf8' }));
  results[name] = {
    command: commandLine(name, settings, predictions),
    backend: run.backend,
    trainSeconds: Number(run.trainSeconds.toFixed(1)),
    trainCpuSeconds: Number(run.trainCpuSeconds.toFixed(1)),
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    chosen: run.chosen,
    epochs: run.epochs,
    finalModel: run.finalModel,
    trials: run.trials,
    ensemble: run.ensemble ?? 'GNN alone',
    ensembleTrials: run.ensembleTrials,
    test: run.test,
    independentCheck: independent,
    date: new Date().toISOString(),
  };
  run.model.dispose();
}
mkdirSync('bench/results', { recursive: true });
// Runs of one dataset keep the others' last recorded results (read late: runs may overlap).
const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')).results : {};
const out = { results: { ...previous, ...results } };
writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
