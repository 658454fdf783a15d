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
    ['epochs', m.metrics?.epochs],
  ],
  influence: (m) => {
    const epochs = m.hyperParameters?.epochs;
    const history: { epoch: number; ndcg: number; spearman: number; precision: number }[] = m.metrics?.validation ?? [];
    // The validation check at the epoch training chose (the run's history holds every check).
    const chosen = history.find((h) => h.epoch === epochs) ?? history.at(-1);
    return [
      ['validation NDCG@100', chosen?.ndcg],
      ['validation Spearman', chosen?.spearman],
      ['validation Precision@100', chosen?.precision],
      ['epochs', epochs],
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
