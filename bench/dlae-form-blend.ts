/**
 * Whether DLAE's form (dlae-form.ts) changes the blend that is served: the pipeline's own
 * selection (fitRecommender with the defaults, seed 2022, no refit) on Ciao's training split, once
 * per form forced. Each run carves the same validation set and trains the same GNN (the pipeline
 * is deterministic per seed), so only DLAE's solver differs; the blend weight and λ are chosen on
 * validation in each, as the pipeline chooses them. Only validation figures are recorded; the
 * test split is read for the id ranges, never scored. Each form's row replaces that form's row in
 * bench/results/dlae-form-blend-ciao.json, so forms can run as separate processes.
 * (bench/results/dlae-bounded-blend-ciao.json holds the same measurement for the bounded
 * neighbourhood form that CG replaced.)
 * Usage: npx tsx bench/dlae-form-blend.ts [form ...]   (default: exact cg)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { initBackend } from '../gnn/core/backend';
import { RECOMMEND_DEFAULTS } from '../gnn/recommend/defaults';
import { DLAE_FORMS, type DlaeForm } from '../gnn/recommend/dlae-form';
import { describeEnsemble, fitRecommender } from '../gnn/recommend/pipeline';
import { readSplit } from '../gnn/recommend/offline/split';

const SPLIT = '../shared/datasets/ciao/sociallgn-split';
const RESULTS = 'bench/results/dlae-form-blend-ciao.json';
const forms = (process.argv.length > 2 ? process.argv.slice(2) : DLAE_FORMS) as DlaeForm[];
if (forms.some((f) => !DLAE_FORMS.includes(f))) throw new Error(`forms: ${DLAE_FORMS.join(', ')}`);

await initBackend();
const split = readSplit(SPLIT);
const data = { numUsers: split.numUsers, numItems: split.numItems, train: split.train, trust: split.trust };
for (const form of forms) {
  const opts = { ...RECOMMEND_DEFAULTS, ensemble: { ...RECOMMEND_DEFAULTS.ensemble, form }, refit: false };
  const fitted = fitRecommender(data, opts, (line) => process.stderr.write(`${line}\n`));
  const fitSeconds = new Map<string, number>();
  for (const t of fitted.ensembleTrials) {
    const fit = `${t.dlae.lambda},${t.dlae.dropout}`;
    fitSeconds.set(fit, Math.max(fitSeconds.get(fit) ?? 0, t.seconds));
  }
  const row = {
    form,
    gnnEpochs: fitted.epochs,
    gnnAloneValRecall20: Number(fitted.trials[0].valRecall20.toFixed(4)),
    dlaeAloneBestValRecall20: Number(Math.max(...fitted.ensembleTrials.filter((t) => t.gnnWeight === 0).map((t) => t.valRecall20)).toFixed(4)),
    chosen: describeEnsemble(fitted.ensemble),
    valRecall20: Number(fitted.validation!.recall20.toFixed(4)),
    valNdcg20: fitted.validation!.ndcg20 === null ? null : Number(fitted.validation!.ndcg20.toFixed(4)),
    /** Every DLAE fit with its validation rankings (a trial's seconds run from its fit's start). */
    dlaeSeconds: Math.round([...fitSeconds.values()].reduce((a, b) => a + b, 0)),
    trainSeconds: Math.round(fitted.trainSeconds),
    loadAverage: os.loadavg()[0],
    command: `nice -n ${os.getPriority()} npx tsx bench/dlae-form-blend.ts ${form}`,
  };
  fitted.model.dispose();
  process.stdout.write(`${JSON.stringify(row)}\n`);
  // Read again just before writing: another process may have added its form meanwhile.
  const rows = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { rows: (typeof row)[] }).rows : [];
  const merged = [...rows.filter((r) => r.form !== form), row].sort((a, b) => DLAE_FORMS.indexOf(a.form) - DLAE_FORMS.indexOf(b.form));
  writeFileSync(RESULTS, `${JSON.stringify({ split: SPLIT, options: { ...RECOMMEND_DEFAULTS, refit: false }, rows: merged }, null, 2)}\n`);
}
