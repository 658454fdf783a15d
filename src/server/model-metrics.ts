/**
 * The headline evaluation each kind's training records in its run's metadata (gnn/<kind>/...
 * train-from-store), as named numbers for managers. Only held-out numbers: validation data carved
 * from the training data (recommend, influence) or the forecast's backtest on past weeks.
 */
import type { ModelKind, ModelRun } from '../store/contract';

export interface NamedMetric {
  name: string;
  value: number;
}

type Metadata = Record<string, any>;

const EXTRACT: Record<ModelKind, (m: Metadata) => [string, unknown][]> = {
  recommend: (m) => [
    ['validation Recall@20', m.metrics?.validationRecall20],
    ['validation NDCG@20', m.metrics?.validationNdcg20],
  ],
  influence: (m) => {
    // Every variant tried on the validation periods; the run's hyper-parameters name the one chosen.
    const hp = m.hyperParameters ?? {};
    const variants: { groups: string[]; lambda: number; split: boolean; category?: { ndcg?: number }; global?: { ndcg?: number; spearmanRandomTies?: number } }[] =
      m.metrics?.validation ?? [];
    const chosen = variants.find((v) => v.lambda === hp.lambda && v.split === hp.split && v.groups?.join() === hp.groups?.join());
    return [
      ['validation NDCG@20 per category', chosen?.category?.ndcg],
      ['validation NDCG@100', chosen?.global?.ndcg],
      ['validation Spearman (ties at random)', chosen?.global?.spearmanRandomTies],
    ];
  },
  forecast: (m) => {
    const e = m.evaluation;
    const mae: number[] = e?.model?.mae ?? [];
    // The nearest and the farthest week ahead; the run's metadata has every horizon.
    const horizons: [string, unknown][] = [...new Set([0, mae.length - 1])].filter((h) => h >= 0).flatMap((h) => [
      [`backtest MAE, ${h + 1} week${h ? 's' : ''} ahead`, mae[h]],
      [`improvement over the best baseline, ${h + 1} week${h ? 's' : ''} ahead`, e?.improvement?.[h]],
    ]);
    return [...horizons, ['80% interval coverage', e?.coverage?.overall], ['community modularity', m.detection?.modularity]];
  },
};

export function modelMetrics(run: ModelRun): NamedMetric[] {
  return EXTRACT[run.kind](run.metadata)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]))
    .map(([name, value]) => ({ name, value }));
}

export function trainSeconds(run: ModelRun): number | null {
  const s = run.metadata.trainSeconds;
  return typeof s === 'number' ? s : null;
}
