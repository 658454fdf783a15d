/**
 * The recommender as it is chosen and fitted, the same for the offline evaluation
 * (offline/run.ts) and for `train recommend` (train-from-store.ts), so what is served is what
 * was evaluated:
 *  1. carve a validation set from the training data (seeded, per user); the validation metric is
 *     computed on a seeded sample of at most `valUsers` of those users (ranking is the costly part);
 *  2. for each hyper-parameter combination, train with early stopping on validation Recall@20;
 *  3. keep the best combination and its best epoch count;
 *  4. with a DLAE grid (dlae.ts): fit DLAE on the same fit part for each (λ, p) and score the
 *     per-user standardised blend w·GNN + (1−w)·DLAE (score-ensemble.ts) on validation for
 *     each GNN weight w of the grid (w = 1 is the GNN alone, w = 0 DLAE alone); keep the best;
 *  5. retrain the GNN from scratch on the full training set for the chosen epoch count (`refit`;
 *     without it the early-stopped model is kept) and fit the chosen DLAE on the full training set.
 */
import type { OnProgress } from '../core/progress';
import type { PairList } from './graph';
import { evaluateRanking } from './offline/evaluate';
import type { ItemScorer } from './offline/rank';
import { buildCsr, type Csr } from '../core/graph/csr';
import type { DlaeHyperParams } from './dlae';
import { dlaeForm, fitDlae, type DlaeForm, type FittedDlae } from './dlae-form';
import { SocialRecommender, type RecommendHyperParams } from './model';
import { ScoreEnsemble } from './score-ensemble';
import { holdOut, sampleUsers } from './holdout';
import { Random } from '../core/random';
import { trainBpr, type TrainResult } from './train-bpr';
import { validationFraction } from './validation-fraction';
import type { ColdVector } from './cold-vector';

export interface RecommendGrid {
  dim: number[];
  layers: number[];
  lr: number[];
  l2: number[];
  batchSize: number[];
  social: RecommendHyperParams['social'][];
  loss: RecommendHyperParams['loss'][];
  temperature: number[];
  /** Weights of XSimGCL's contrastive term (0: plain BPR), each with every noise norm ε. */
  contrast: number[];
  noise: number[];
}

/** DLAE settings tried as the GNN's blend partner; GNN weights of only 1 mean the GNN alone (no DLAE is fitted). */
export interface EnsembleGrid {
  lambda: number[];
  dropout: number[];
  /** GNN weights w in the blend w·GNN + (1−w)·DLAE. */
  gnnWeight: number[];
  /** DLAE's form (dlae-form.ts); absent: exact while K⁻¹ fits, else conjugate gradients. */
  form?: DlaeForm;
}

export interface SelectionOptions {
  grid: RecommendGrid;
  ensemble: EnsembleGrid;
  /** Maximum epochs per validation run, or the exact count when there is no validation. */
  maxEpochs: number;
  /** Wall-time budget per validation run in seconds, at whole epochs (0 or absent: none); the refit trains the epochs it chose. */
  gnnSeconds?: number;
  /** Fraction of each user's training items held out for validation; 0 disables selection; absent: scaled to the data (validation-fraction.ts). */
  valFraction?: number;
  /** At most this many users are ranked for each validation check. */
  valUsers: number;
  evalEvery: number;
  patience: number;
  refit: boolean;
  seed: number;
  /** How cold users' GNN vectors are formed (cold-vector.ts); absent: 'trained'. */
  coldVector?: ColdVector;
}

export interface TrainingData {
  numUsers: number;
  numItems: number;
  train: PairList;
  trust: PairList;
}

export interface Trial {
  hyperParameters: RecommendHyperParams;
  bestEpoch: number;
  valRecall20: number;
  epochsRun: number;
  seconds: number;
}

export interface EnsembleTrial {
  dlae: DlaeHyperParams;
  gnnWeight: number;
  valRecall20: number;
  valNdcg20: number;
  /** DLAE fit plus the validation rankings of every weight. */
  seconds: number;
}

/** The chosen blend; undefined when the GNN alone was chosen (or the only GNN weight given was 1). */
export interface EnsembleChoice {
  dlae: DlaeHyperParams;
  gnnWeight: number;
  /** How DLAE was solved (dlae-form.ts). */
  form: DlaeForm;
}

/** The chosen recommender fitted on the whole training set; the caller disposes it. */
export interface FittedRecommender {
  chosen: RecommendHyperParams;
  /** Epochs the final GNN was trained for. */
  epochs: number;
  /** 'retrained on the full training set ...' etc. */
  finalModel: string;
  trials: Trial[];
  ensemble?: EnsembleChoice;
  ensembleTrials: EnsembleTrial[];
  /** The share of each user's training items that was held out for validation (0: none). */
  valFraction: number;
  /** The chosen model's validation Recall@20 / NDCG@20 (NDCG null when the GNN alone was chosen: its runs record recall only). */
  validation: { recall20: number; ndcg20: number | null } | null;
  model: SocialRecommender;
  /** The chosen DLAE, fitted on the whole training set (absent when the GNN alone was chosen). */
  dlae?: FittedDlae;
  trainSeconds: number;
  /** CPU time of this process over the same span: what the run costs on an otherwise idle core. */
  trainCpuSeconds: number;
}

function* combinations(grid: RecommendGrid, coldVector: ColdVector): Generator<RecommendHyperParams> {
  for (const dim of grid.dim)
    for (const layers of grid.layers)
      for (const lr of grid.lr)
        for (const l2 of grid.l2)
          for (const batchSize of grid.batchSize)
            for (const social of grid.social)
              for (const loss of grid.loss)
                // τ only matters for the softmax loss: do not repeat BPR runs per temperature.
                for (const temperature of loss === 'softmax' ? grid.temperature : grid.temperature.slice(0, 1))
                  for (const contrast of grid.contrast)
                    for (const noise of contrast > 0 ? grid.noise : grid.noise.slice(0, 1))
                      yield { dim, layers, lr, l2, batchSize, social, loss, temperature, coldVector, contrast, noise };
}

export function describe(hp: RecommendHyperParams): string {
  const loss = hp.loss === 'softmax' ? `softmax(τ=${hp.temperature})` : hp.loss;
  const cold = hp.coldVector && hp.coldVector !== 'trained' ? ` cold=${hp.coldVector}` : '';
  const contrast = hp.contrast ? ` contrast=${hp.contrast} noise=${hp.noise}` : '';
  return `social=${hp.social} loss=${loss} dim=${hp.dim} layers=${hp.layers} lr=${hp.lr} l2=${hp.l2} batch=${hp.batchSize}${contrast}${cold}`;
}

export function describeEnsemble(choice: EnsembleChoice | undefined): string {
  if (!choice) return 'GNN alone';
  const form = choice.form === 'exact' ? '' : `, ${choice.form}`;
  return `${choice.gnnWeight}·GNN + ${Number((1 - choice.gnnWeight).toFixed(6))}·DLAE(λ=${choice.dlae.lambda}, p=${choice.dlae.dropout}${form})`;
}

/** The fitted recommender's scores: the GNN's, blended with DLAE's when one was chosen (the caller disposes the scorer). */
export function fittedScorer(fitted: FittedRecommender): ItemScorer & { dispose(): void } {
  const gnn = fitted.model.scorer();
  if (!fitted.ensemble || !fitted.dlae) return gnn;
  const w = fitted.ensemble.gnnWeight;
  const blend = new ScoreEnsemble([{ scorer: gnn, weight: w }, { scorer: fitted.dlae, weight: 1 - w }]);
  return Object.assign(blend, { dispose: () => gnn.dispose() });
}

/**
 * Step 4: every (λ, p, w < 1) of the grid on validation; the choice is the best Recall@20, or the
 * GNN alone. w = 1 is not ranked again per (λ, p): it is the GNN alone, whose Recall@20 on the same
 * users and exclusions training already measured (`gnnRecall20`).
 */
function chooseEnsemble(
  gnn: ItemScorer,
  grid: EnsembleGrid,
  data: { numUsers: number; numItems: number; fit: PairList; truth: Csr },
  gnnRecall20: number,
  log: (line: string) => void,
): { choice?: EnsembleChoice; trials: EnsembleTrial[] } {
  const { numUsers, numItems, fit, truth } = data;
  const exclude = buildCsr(numUsers, fit.a, fit.b);
  const trials: EnsembleTrial[] = [];
  let best: { choice?: EnsembleChoice; recall: number } = { recall: gnnRecall20 };
  for (const lambda of grid.lambda)
    for (const dropout of grid.dropout) {
      const started = Date.now();
      const dlae = fitDlae(numUsers, numItems, fit, { lambda, dropout }, grid.form, true);
      log(`gnn: DLAE λ=${lambda} p=${dropout} fitted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const gnnWeight of grid.gnnWeight.filter((w) => w !== 1)) {
        const scorer = new ScoreEnsemble([{ scorer: gnn, weight: gnnWeight }, { scorer: dlae, weight: 1 - gnnWeight }]);
        const { metrics } = evaluateRanking(scorer, truth, exclude, [20]);
        const choice = { dlae: { lambda, dropout }, gnnWeight, form: dlaeForm(numUsers, grid.form) };
        trials.push({ ...choice, valRecall20: metrics[20].recall, valNdcg20: metrics[20].ndcg, seconds: (Date.now() - started) / 1000 });
        log(`gnn: validation Recall@20 ${metrics[20].recall.toFixed(4)} NDCG@20 ${metrics[20].ndcg.toFixed(4)} for ${describeEnsemble(choice)}`);
        if (metrics[20].recall > best.recall) best = { choice, recall: metrics[20].recall };
      }
    }
  return { choice: best.choice, trials };
}

export function fitRecommender(data: TrainingData, opts: SelectionOptions, log: (line: string) => void = () => {}, onProgress?: OnProgress): FittedRecommender {
  const { numUsers, numItems } = data;
  const started = Date.now();
  const cpuStarted = process.cpuUsage();
  const trials: Trial[] = [];
  const grid = [...combinations(opts.grid, opts.coldVector ?? 'trained')];
  let chosen = grid[0];
  let epochs = opts.maxEpochs;
  let model: SocialRecommender | undefined;
  let finalModel = `trained on the full training set for ${epochs} epochs (no validation)`;
  let validation: FittedRecommender['validation'] = null;
  const blends = opts.ensemble.gnnWeight.some((w) => w !== 1);
  // Without validation the first value of each list is used.
  let ensemble: EnsembleChoice | undefined =
    opts.ensemble.gnnWeight[0] !== 1
      ? { dlae: { lambda: opts.ensemble.lambda[0], dropout: opts.ensemble.dropout[0] }, gnnWeight: opts.ensemble.gnnWeight[0], form: dlaeForm(numUsers, opts.ensemble.form) }
      : undefined;
  let ensembleTrials: EnsembleTrial[] = [];
  const valFraction = opts.valFraction ?? validationFraction(data.train.a.length);

  if (valFraction > 0) {
    log(`gnn: validation: ${Math.round(valFraction * 100)}% of each user's training items held out`);
    const rng = new Random(opts.seed);
    const { fit, validation: heldOut } = holdOut(data.train, numUsers, valFraction, rng);
    const checked = sampleUsers(heldOut, opts.valUsers, rng);
    const truth = buildCsr(numUsers, checked.a, checked.b);
    let best: { trial: Trial; model: SocialRecommender } | undefined;
    for (const hp of grid) {
      const candidate = new SocialRecommender({ numUsers, numItems, interactions: fit, trust: data.trust }, hp, opts.seed);
      const result: TrainResult = trainBpr(candidate, fit, {
        maxEpochs: opts.maxEpochs,
        maxSeconds: opts.gnnSeconds,
        seed: opts.seed + 1,
        numUsers,
        numItems,
        validation: { truth, every: opts.evalEvery, patience: opts.patience },
        label: `validate ${describe(hp)}`,
        onProgress,
      });
      const trial: Trial = {
        hyperParameters: hp,
        bestEpoch: result.bestEpoch,
        valRecall20: result.bestRecall20 ?? 0,
        epochsRun: result.epochs,
        seconds: result.seconds,
      };
      trials.push(trial);
      log(`gnn: validation Recall@20 ${trial.valRecall20.toFixed(4)} at epoch ${trial.bestEpoch} for ${describe(hp)}`);
      if (!best || trial.valRecall20 > best.trial.valRecall20) {
        best?.model.dispose();
        best = { trial, model: candidate };
      } else {
        candidate.dispose();
      }
    }
    chosen = best!.trial.hyperParameters;
    epochs = best!.trial.bestEpoch;
    validation = { recall20: best!.trial.valRecall20, ndcg20: null };
    if (blends) {
      const gnn = best!.model.scorer();
      ({ choice: ensemble, trials: ensembleTrials } = chooseEnsemble(gnn, opts.ensemble, { numUsers, numItems, fit, truth }, best!.trial.valRecall20, log));
      gnn.dispose();
      const picked = ensembleTrials.find((t) => t.gnnWeight === ensemble?.gnnWeight && t.dlae.lambda === ensemble.dlae.lambda && t.dlae.dropout === ensemble.dlae.dropout);
      if (picked) validation = { recall20: picked.valRecall20, ndcg20: picked.valNdcg20 };
      log(`gnn: chosen on validation: ${describeEnsemble(ensemble)}`);
    }
    if (opts.refit) {
      best!.model.dispose();
      finalModel = `retrained on the full training set for the validation-chosen ${epochs} epochs`;
    } else {
      model = best!.model;
      finalModel = `early-stopped at epoch ${epochs}, trained on ${Math.round((1 - valFraction) * 100)}% of the training set`;
    }
  }
  if (!model) {
    model = new SocialRecommender({ numUsers, numItems, interactions: data.train, trust: data.trust }, chosen, opts.seed);
    trainBpr(model, data.train, { maxEpochs: epochs, seed: opts.seed + 1, numUsers, numItems, label: `train ${describe(chosen)}`, onProgress });
  }
  const dlae = ensemble ? fitDlae(numUsers, numItems, data.train, ensemble.dlae, opts.ensemble.form) : undefined;
  if (ensemble) finalModel += `, blended as ${describeEnsemble(ensemble)} with DLAE fitted on the full training set`;
  const cpu = process.cpuUsage(cpuStarted);
  return {
    chosen,
    epochs,
    finalModel,
    trials,
    ensemble,
    ensembleTrials,
    valFraction,
    validation,
    model,
    dlae,
    trainSeconds: (Date.now() - started) / 1000,
    trainCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
