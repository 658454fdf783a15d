/** `recommend`: train the social recommender on a split directory, write top-20 predictions, report metrics. */
import { writeFile } from 'node:fs/promises';
import { formatSeconds } from '../../../src/cli/progress';
import { formatMetrics } from './metrics';
import { formatBeyondAccuracy } from './beyond-accuracy';
import { RECOMMEND_LOSSES, SOCIAL_MODES, type RecommendLoss, type SocialMode } from '../model';
import { progressBars } from '../../core/progress';
import { saveModel } from '../../core/registry';
import { describe, describeEnsemble, type RecommendGrid } from '../pipeline';
import { RECOMMEND_DEFAULTS } from '../defaults';
import { runRecommend } from './run';
import { DLAE_FORMS, EXACT_MAX_USERS, type DlaeForm } from '../dlae-form';
import { COLD_USER_MAX, COLD_VECTORS, type ColdVector } from '../cold-vector';
import { UsageError, type Command, type Options } from '../../core/command';

const nums = (o: Options, k: string) => o[k] as number[];
const D = RECOMMEND_DEFAULTS;
const list = (xs: readonly (string | number)[]) => xs.join(',');

export const recommendCommand: Command = {
  name: 'recommend',
  summary:
    'Train a social recommender (LightGCN / SocialLGN, blended with a DLAE item model) on a split dir (train_set.txt, test_set.txt, trust.txt), ' +
    'choose hyper-parameters, epochs and blend weights on a validation set carved from training data, then rank all unseen items for every test user.',
  options: [
    { name: 'split', type: 'string', required: true, description: 'split directory' },
    { name: 'predictions', type: 'string', required: true, description: 'output JSON {"<user>": [item, ...]} with the top 20, best first' },
    { name: 'epochs', type: 'number', default: D.maxEpochs, description: 'max epochs per validation run (exact epochs with --val-fraction 0)' },
    { name: 'gnn-seconds', type: 'number', default: 0, description: 'wall-time budget of each GNN validation run, at whole epochs (0: none); the refit trains the epochs it chose' },
    { name: 'dim', type: 'number', list: true, default: list(D.grid.dim), description: 'embedding size' },
    { name: 'layers', type: 'number', list: true, default: list(D.grid.layers), description: 'propagation layers' },
    { name: 'lr', type: 'number', list: true, default: list(D.grid.lr), description: 'Adam learning rate' },
    { name: 'l2', type: 'number', list: true, default: list(D.grid.l2), description: 'L2 weight on the batch embeddings' },
    { name: 'batch', type: 'number', list: true, default: list(D.grid.batchSize), description: 'BPR triples per step' },
    { name: 'social', type: 'string', list: true, default: list(D.grid.social), description: `how trust edges are used: ${SOCIAL_MODES.join(' | ')}` },
    { name: 'loss', type: 'string', list: true, default: list(D.grid.loss), description: `training loss: ${RECOMMEND_LOSSES.join(' | ')}` },
    { name: 'temperature', type: 'number', list: true, default: list(D.grid.temperature), description: 'softmax temperature (softmax loss only)' },
    { name: 'dlae-lambda', type: 'number', list: true, default: list(D.ensemble.lambda), description: 'DLAE ridge λ values to try' },
    { name: 'dlae-dropout', type: 'number', list: true, default: list(D.ensemble.dropout), description: 'DLAE input-dropout p values to try' },
    { name: 'gnn-weight', type: 'number', list: true, default: list(D.ensemble.gnnWeight), description: 'GNN weights w in w·GNN + (1−w)·DLAE to try (1: GNN alone, 0: DLAE alone; only 1: no DLAE)' },
    { name: 'dlae-form', type: 'string', description: `how DLAE is solved: ${DLAE_FORMS.join(' | ')} (default: exact up to ${EXACT_MAX_USERS} users, cg past that; the same scores)` },
    { name: 'val-fraction', type: 'number', description: "share of each user's training items held out for validation (0: no selection; default: about 12,000 pairs, at most 0.1)" },
    { name: 'val-users', type: 'number', default: D.valUsers, description: 'rank at most this many (seeded) validation users per check' },
    { name: 'eval-every', type: 'number', default: D.evalEvery, description: 'epochs between validation checks' },
    { name: 'patience', type: 'number', default: D.patience, description: 'validation checks without improvement before stopping' },
    { name: 'refit', type: 'boolean', default: D.refit, description: 'retrain on the full training set for the chosen epochs (else keep the early-stopped model)' },
    { name: 'seed', type: 'number', default: D.seed, description: 'random seed (split, init, sampling)' },
    { name: 'cold-vector', type: 'string', default: D.coldVector, description: `GNN vector of users with at most ${COLD_USER_MAX} training items: ${COLD_VECTORS.join(' | ')}` },
    { name: 'save', type: 'string', description: 'model registry directory to save the trained model into (as v<N>)' },
  ],

  async run(o: Options): Promise<void> {
    const social = o.social as string[];
    const bad = social.find((s) => !SOCIAL_MODES.includes(s as SocialMode));
    if (bad) throw new UsageError(`--social must be one of ${SOCIAL_MODES.join(', ')}, got "${bad}"`);
    const losses = o.loss as string[];
    const badLoss = losses.find((l) => !RECOMMEND_LOSSES.includes(l as RecommendLoss));
    if (badLoss) throw new UsageError(`--loss must be one of ${RECOMMEND_LOSSES.join(', ')}, got "${badLoss}"`);
    const coldVector = o['cold-vector'] as ColdVector;
    if (!COLD_VECTORS.includes(coldVector)) throw new UsageError(`--cold-vector must be one of ${COLD_VECTORS.join(', ')}, got "${coldVector}"`);
    const form = o['dlae-form'] as DlaeForm | undefined;
    if (form !== undefined && !DLAE_FORMS.includes(form)) throw new UsageError(`--dlae-form must be one of ${DLAE_FORMS.join(', ')}, got "${form}"`);
    const ensemble = { lambda: nums(o, 'dlae-lambda'), dropout: nums(o, 'dlae-dropout'), gnnWeight: nums(o, 'gnn-weight'), form };
    if (ensemble.lambda.some((l) => !(l > 0))) throw new UsageError('--dlae-lambda values must be > 0');
    if (ensemble.dropout.some((p) => !(p >= 0 && p < 1))) throw new UsageError('--dlae-dropout values must be in [0, 1)');
    if (ensemble.gnnWeight.some((w) => !(w >= 0 && w <= 1))) throw new UsageError('--gnn-weight values must be in [0, 1]');
    const grid: RecommendGrid = {
      dim: nums(o, 'dim'),
      layers: nums(o, 'layers'),
      lr: nums(o, 'lr'),
      l2: nums(o, 'l2'),
      batchSize: nums(o, 'batch'),
      social: social as SocialMode[],
      loss: losses as RecommendLoss[],
      temperature: nums(o, 'temperature'),
    };
    const run = await runRecommend({
      split: o.split as string,
      grid,
      ensemble,
      maxEpochs: o.epochs as number,
      gnnSeconds: o['gnn-seconds'] as number,
      valFraction: o['val-fraction'] as number | undefined,
      valUsers: o['val-users'] as number,
      evalEvery: o['eval-every'] as number,
      patience: o.patience as number,
      refit: o.refit as boolean,
      seed: o.seed as number,
      coldVector,
      onProgress: progressBars(),
    });
    await writeFile(o.predictions as string, `${JSON.stringify(run.predictions)}\n`);
    const out = [
      `backend: ${run.backend}`,
      `training time: ${formatSeconds(run.trainSeconds)} wall (${run.trainSeconds.toFixed(1)} s, ${run.trainCpuSeconds.toFixed(1)} s CPU), all training including any validation runs`,
      `chosen: ${describe(run.chosen)} epochs=${run.epochs}; ${describeEnsemble(run.ensemble)}`,
      `final model: ${run.finalModel}`,
      `test users: ${Object.keys(run.predictions).length}  predictions: ${o.predictions}`,
      formatMetrics(run.test),
      formatBeyondAccuracy(run.testBeyond),
    ];
    if (o.save) {
      const { record, dir } = await saveModel(o.save as string, run.model.weights(), {
        kind: 'recommend',
        data: {
          source: o.split as string,
          sha256: run.split.sha256,
          counts: { users: run.split.numUsers, items: run.split.numItems, train: run.split.train.a.length, test: run.split.test.a.length, trust: run.split.trust.a.length },
        },
        hyperParameters: { ...run.chosen, epochs: run.epochs, seed: o.seed, finalModel: run.finalModel },
        metrics: { test: run.test, testBeyond: run.testBeyond, validation: run.trials },
        backend: run.backend,
      });
      out.push(`saved: ${dir} (version ${record.version})`);
    }
    run.model.dispose();
    process.stdout.write(`${out.join('\n')}\n`);
  },
};
