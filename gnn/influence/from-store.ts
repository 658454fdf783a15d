/**
 * Training from the configured database (or the running server holding it, see
 * src/store/open-training.ts): read the graph snapshot, train on its past, score every user
 * active before the cutoff (default: just after the last action) and publish the precomputed
 * rows with the model (core/publish.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelRun, TrainingStore } from '../../src/store/contract';
import { buildActivityLog, DAY_MS } from '../core/activity-log';
import { initBackend } from '../core/backend';
import type { OnProgress } from '../core/progress';
import { batches, publishTrained, type PublishOptions } from '../core/publish';
import { readSnapshot } from '../core/snapshot';
import { DEFAULT_CATEGORY_OPTIONS, trainCategoryModel, type CategoryModelOptions } from './category-pipeline';
import { indexLog } from './log-index';
import { influenceRows } from './publish';

/** A live store's "next period" is a quarter; snapshots every 45 days fit 18 months of history. */
export const STORE_TRAIN_OPTIONS: CategoryModelOptions = { ...DEFAULT_CATEGORY_OPTIONS, periodMs: 90 * DAY_MS, strideMs: 45 * DAY_MS };

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
  opts: CategoryModelOptions,
  publish: PublishOptions,
  cutoff?: number,
  onProgress?: OnProgress,
): Promise<PublishedInfluence> {
  const backend = await initBackend();
  const snapshot = await readSnapshot(store);
  const log = buildActivityLog(snapshot);
  if (log.actTime.length === 0) throw new Error('the store has no reviews or shares to learn influence from');
  const at = cutoff ?? log.actTime[log.actTime.length - 1] + 1;
  const index = indexLog(log);
  // The GLM fits in one step (no epochs): one progress event when it is done.
  const run = trainCategoryModel(index, at, opts);
  onProgress?.({ task: 'influence (category GLM)', done: 1, total: 1, note: `${run.rows.users.length} users`, finished: true });
  const rows = influenceRows(index, { time: at, numCategories: run.rows.numCategories, users: run.rows.users, rates: run.rates, global: run.global }, opts.periodMs, opts.windowMs);
  const fits = { all: run.model.all, ...(run.model.candidates ? { candidates: run.model.candidates } : {}) };
  const weights: tf.NamedTensorMap = Object.assign(
    {},
    ...Object.entries(fits).map(([name, fit]) => ({ [`${name}/w`]: tf.tensor1d(fit.w), [`${name}/mean`]: tf.tensor1d(fit.mean), [`${name}/sd`]: tf.tensor1d(fit.sd) })),
  );
  try {
    const { run: published, modelDir } = await publishTrained(
      store,
      {
        kind: 'influence',
        snapshot,
        weights,
        hyperParameters: {
          features: run.model.all.names,
          groups: run.model.groups,
          lambda: run.model.lambda,
          split: run.model.split,
          windowDays: opts.windowMs / DAY_MS,
          periodDays: opts.periodMs / DAY_MS,
          strideDays: opts.strideMs / DAY_MS,
          snapshots: run.snapshotTimes.map((t) => new Date(t).toISOString()),
        },
        metrics: { validation: run.validation, validationBaselines: run.validationBaselines },
        backend,
        trainSeconds: run.seconds,
        metadata: { cutoff: new Date(at).toISOString() },
        rows: batches(rows),
      },
      publish,
    );
    return { run: published, users: rows.length, backend, trainSeconds: run.seconds, modelDir, ranking: rows.map((r) => r.entityId) };
  } finally {
    tf.dispose(Object.values(weights));
  }
}
