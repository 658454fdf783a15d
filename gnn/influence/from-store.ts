/**
 * Training from the configured database (or the running server holding it, see
 * src/store/open-training.ts): read the graph snapshot, train on its past, score every user
 * active before the cutoff (default: just after the last action) and publish the precomputed
 * rows with the model (core/publish.ts).
 */
import type { ModelRun, TrainingStore } from '../../src/store/contract';
import { buildActivityLog, DAY_MS } from '../core/activity-log';
import type { OnProgress } from '../core/progress';
import { batches, publishTrained, type PublishOptions } from '../core/publish';
import { readSnapshot } from '../core/snapshot';
import { indexLog } from './features';
import { ensembleWeights } from '../core/registry';
import { DEFAULT_TRAIN_OPTIONS, trainAndScore, type InfluenceTrainOptions } from './pipeline';
import { influenceRows } from './publish';

/** A live store's "next period" is a quarter; snapshots every 45 days fit 18 months of history. */
export const STORE_TRAIN_OPTIONS: InfluenceTrainOptions = { ...DEFAULT_TRAIN_OPTIONS, periodMs: 90 * DAY_MS, strideMs: 45 * DAY_MS };

export interface PublishedInfluence {
  run: ModelRun;
  users: number;
  backend: string;
  trainSeconds: number;
  modelDir: string;
  /** User ids best first. */
  ranking: string[];
}

export async function trainInfluenceFromStore(
  store: TrainingStore,
  opts: InfluenceTrainOptions,
  publish: PublishOptions,
  cutoff?: number,
  onProgress?: OnProgress,
): Promise<PublishedInfluence> {
  const snapshot = await readSnapshot(store);
  const log = buildActivityLog(snapshot);
  if (log.actTime.length === 0) throw new Error('the store has no reviews or shares to learn influence from');
  const at = cutoff ?? log.actTime[log.actTime.length - 1] + 1;
  const index = indexLog(log);
  const run = await trainAndScore(log, at, opts, index, onProgress);
  const rows = influenceRows(index, run, opts.periodMs, opts.windowMs);
  try {
    const { run: published, modelDir } = await publishTrained(
      store,
      {
        kind: 'influence',
        snapshot,
        weights: ensembleWeights(run.models),
        hyperParameters: {
          ...opts.hp,
          members: run.models.length,
          windowDays: opts.windowMs / DAY_MS,
          periodDays: opts.periodMs / DAY_MS,
          strideDays: opts.strideMs / DAY_MS,
          snapshots: run.snapshotTimes.map((t) => new Date(t).toISOString()),
          epochs: run.chosenEpochs,
          seed: opts.seed,
        },
        metrics: { validation: run.validationHistory.map((h) => ({ epoch: h.epoch, ...h.validation })) },
        backend: run.backend,
        trainSeconds: run.trainSeconds,
        metadata: { cutoff: new Date(at).toISOString() },
        rows: batches(rows),
      },
      publish,
    );
    return { run: published, users: rows.length, backend: run.backend, trainSeconds: run.trainSeconds, modelDir, ranking: rows.map((r) => r.entityId) };
  } finally {
    for (const m of run.models) m.dispose();
  }
}
