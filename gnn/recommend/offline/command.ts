/** `recommend`: train the social recommender on a split directory, write top-20 predictions, report metrics. */
import { writeFile } from 'node:fs/promises';
import { formatSeconds } from '../../../src/cli/progress';
import { formatMetrics } from './metrics';
import { formatBeyondAccuracy } from './beyond-accuracy';
import { RECOMMEND_LOSSES, SOCIAL_MODES, type RecommendLoss, type SocialMode } from '../model';
import { progressBars } from '../../core/progress';
import { saveModel } from '../../core/registry';
import { describe, describeEnsemble } from '../pipeline';
import { CONTRAST_MAX_PAIRS, LARGE_GRAPH, LARGE_GRAPH_PAIRS, RECOMMEND_DEFAULTS, type SelectionSettings } from '../defaults';
import { runRecommend } from './run';
import { DLAE_FORMS, EXACT_MAX_USERS, type DlaeForm } from '../dlae-form';
import { COLD_USER_MAX, COLD_VECTORS, type ColdVector } from '../cold-vector';
import { UsageError, type Command, type Options } from '../../core/command';

const D = RECOMMEND_DEFAULTS;
const L = LARGE_GRAPH;
type Shown = string | number | boolean | readonly (string | number)[];
const show = (x: Shown) => (Array.isArray(x) ? x.join(',') : String(x));
/** The option's default, and on a large graph (defaults.ts) the other one: the defaults depend on the split's size, so they are filled in once it is read. */
const byDefault = (small: Shown, large?: Shown) =>
  ` (default ${show(small)}${large === undefined ? '' : `; ${show(large)} past ${LARGE_GRAPH_PAIRS.toLocaleString('en')} training pairs`})`;

export const recommendCommand: Command = {
  name: 'recommend',
  summary:
    'Train a social recommender (LightGCN / SocialLGN, blended with a DLAE item model) on a split dir (train_set.txt, test_set.txt, trust.txt), ' +
    'choose hyper-parameters, epochs and blend weights on a validation set carved from training data, then rank all unseen items for every test user.',
  options: [
    { name: 'split', type: 'string', required: true, description: 'split directory' },
    { name: 'predictions', type: 'string', required: true, description: 'output JSON {"<user>": [item, ...]} with the top 20, best first' },
    { name: 'epochs', type: 'number', description: `max epochs per validation run (exact epochs with --val-fraction 0)${byDefault(D.maxEpochs, L.maxEpochs)}` },
    { name: 'gnn-seconds', type: 'number', description: `wall-time budget of each GNN validation run, at whole epochs (0: none); the refit trains the epochs it chose${byDefault(0, L.gnnSeconds)}` },
    { name: 'dim', type: 'number', list: true, description: `embedding size${byDefault(D.grid.dim)}` },
    { name: 'layers', type: 'number', list: true, description: `propagation layers${byDefault(D.grid.layers)}` },
    { name: 'lr', type: 'number', list: true, description: `Adam learning rate${byDefault(D.grid.lr, L.grid.lr)}` },
    { name: 'l2', type: 'number', list: true, description: `L2 weight on the batch embeddings${byDefault(D.grid.l2)}` },
    { name: 'batch', type: 'number', list: true, description: `BPR triples per step${byDefault(D.grid.batchSize, L.grid.batchSize)}` },
    { name: 'social', type: 'string', list: true, description: `how trust edges are used: ${SOCIAL_MODES.join(' | ')}${byDefault(D.grid.social)}` },
    { name: 'loss', type: 'string', list: true, description: `training loss: ${RECOMMEND_LOSSES.join(' | ')}${byDefault(D.grid.loss)}` },
    { name: 'temperature', type: 'number', list: true, description: `temperature of the softmax loss and of the contrastive term${byDefault(D.grid.temperature)}` },
    { name: 'contrast', type: 'number', list: true, description: `weights of the contrastive term (XSimGCL; 0: plain BPR) to try (default ${show(D.grid.contrast)} up to ${CONTRAST_MAX_PAIRS.toLocaleString('en')} training pairs, 0 past that)` },
    { name: 'noise', type: 'number', list: true, description: `norm of the noise added to each layer in training with a contrastive term${byDefault(D.grid.noise)}` },
    { name: 'dlae-lambda', type: 'number', list: true, description: `DLAE ridge λ values to try${byDefault(D.ensemble.lambda, L.ensemble.lambda)}` },
    { name: 'dlae-dropout', type: 'number', list: true, description: `DLAE input-dropout p values to try${byDefault(D.ensemble.dropout)}` },
    { name: 'gnn-weight', type: 'number', list: true, description: `GNN weights w in w·GNN + (1−w)·DLAE to try (1: GNN alone, 0: DLAE alone; only 1: no DLAE)${byDefault(D.ensemble.gnnWeight, L.ensemble.gnnWeight)}` },
    { name: 'dlae-form', type: 'string', description: `how DLAE is solved: ${DLAE_FORMS.join(' | ')} (default: exact up to ${EXACT_MAX_USERS} users, cg past that; the same scores)` },
    { name: 'val-fraction', type: 'number', description: `share of each user's training items held out for validation (0: no selection)${byDefault('about 12,000 pairs, at most 0.1', L.valFraction)}` },
    { name: 'val-users', type: 'number', description: `rank at most this many (seeded) validation users per check${byDefault(D.valUsers, L.valUsers)}` },
    { name: 'eval-every', type: 'number', description: `epochs between validation checks${byDefault(D.evalEvery, L.evalEvery)}` },
    { name: 'patience', type: 'number', description: `validation checks without improvement before stopping${byDefault(D.patience, L.patience)}` },
    { name: 'refit', type: 'boolean', description: `retrain on the full training set for the chosen epochs (else keep the early-stopped model)${byDefault(D.refit, L.refit)}` },
    { name: 'seed', type: 'number', default: D.seed, description: 'random seed (split, init, sampling)' },
    { name: 'cold-vector', type: 'string', default: D.coldVector, description: `GNN vector of users with at most ${COLD_USER_MAX} training items: ${COLD_VECTORS.join(' | ')}` },
    { name: 'save', type: 'string', description: 'model registry directory to save the trained model into (as v<N>)' },
  ],

  async run(o: Options): Promise<void> {
    const nums = (k: string) => o[k] as number[] | undefined;
    const num = (k: string) => o[k] as number | undefined;
    const social = o.social as SocialMode[] | undefined;
    const bad = social?.find((s) => !SOCIAL_MODES.includes(s));
    if (bad) throw new UsageError(`--social must be one of ${SOCIAL_MODES.join(', ')}, got "${bad}"`);
    const losses = o.loss as RecommendLoss[] | undefined;
    const badLoss = losses?.find((l) => !RECOMMEND_LOSSES.includes(l));
    if (badLoss) throw new UsageError(`--loss must be one of ${RECOMMEND_LOSSES.join(', ')}, got "${badLoss}"`);
    const coldVector = o['cold-vector'] as ColdVector;
    if (!COLD_VECTORS.includes(coldVector)) throw new UsageError(`--cold-vector must be one of ${COLD_VECTORS.join(', ')}, got "${coldVector}"`);
    const form = o['dlae-form'] as DlaeForm | undefined;
    if (form !== undefined && !DLAE_FORMS.includes(form)) throw new UsageError(`--dlae-form must be one of ${DLAE_FORMS.join(', ')}, got "${form}"`);
    const ensemble = { lambda: nums('dlae-lambda'), dropout: nums('dlae-dropout'), gnnWeight: nums('gnn-weight'), form };
    if (nums('contrast')?.some((c) => !(c >= 0))) throw new UsageError('--contrast values must be >= 0');
    if (nums('noise')?.some((e) => !(e > 0))) throw new UsageError('--noise values must be > 0');
    if (ensemble.lambda?.some((l) => !(l > 0))) throw new UsageError('--dlae-lambda values must be > 0');
    if (ensemble.dropout?.some((p) => !(p >= 0 && p < 1))) throw new UsageError('--dlae-dropout values must be in [0, 1)');
    if (ensemble.gnnWeight?.some((w) => !(w >= 0 && w <= 1))) throw new UsageError('--gnn-weight values must be in [0, 1]');
    const settings: SelectionSettings = {
      grid: { dim: nums('dim'), layers: nums('layers'), lr: nums('lr'), l2: nums('l2'), batchSize: nums('batch'), social, loss: losses, temperature: nums('temperature'), contrast: nums('contrast'), noise: nums('noise') },
      ensemble,
      maxEpochs: num('epochs'),
      gnnSeconds: num('gnn-seconds'),
      valFraction: num('val-fraction'),
      valUsers: num('val-users'),
      evalEvery: num('eval-every'),
      patience: num('patience'),
      refit: o.refit as boolean | undefined,
      seed: o.seed as number,
      coldVector,
    };
    const run = await runRecommend({ ...settings, split: o.split as string, onProgress: progressBars() });
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
