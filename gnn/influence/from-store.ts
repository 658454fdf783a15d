/**
 * Training from the configured database (or the running server holding it, see
 * src/store/open-training.ts): read the graph through `store.snapshot`, train on its past, score
 * every user active before the cutoff (default: just after the last action), save the model in
 * the registry and publish the precomputed rows through `store.models`.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelRun, TrainingStore } from '../../src/store/contract';
import { initBackend } from '../core/backend';
import { saveModel } from '../core/registry';
import { DAY_MS, type ActivityLog } from '../core/activity-log';
import { DEFAULT_CATEGORY_OPTIONS, trainCategoryModel, type CategoryModelOptions } from './category-pipeline';
import { indexLog } from './features';
import { influenceRows } from './publish';
import { readSnapshot } from './snapshot';

/** A live store's "next period" is a quarter; snapshots every 45 days fit 18 months of history. */
export const STORE_TRAIN_OPTIONS: CategoryModelOptions = { ...DEFAULT_CATEGORY_OPTIONS, periodMs: 90 * DAY_MS, strideMs: 45 * DAY_MS };

const PUBLISH_BATCH = 1000;

export interface PublishedInfluence {
  run: ModelRun;
  users: number;
  backend: string;
  trainSeconds: number;
  modelDir: string;
  /** User ids best first. */
  ranking: string[];
}

export async function trainInfluenceFromStore(store: TrainingStore, opts: CategoryModelOptions, modelRoot: string, cutoff?: number): Promise<PublishedInfluence> {
  const backend = await initBackend();
  const log = await readSnapshot(store);
  if (log.actTime.length === 0) throw new Error('the store has no reviews or shares to learn influence from');
  const at = cutoff ?? log.actTime[log.actTime.length - 1] + 1;
  const index = indexLog(log);
  const run = trainCategoryModel(index, at, opts);
  const rows = influenceRows(index, { time: at, numCategories: run.rows.numCategories, users: run.rows.users, rates: run.rates, global: run.global }, opts.periodMs, opts.windowMs);
  const hyperParameters = {
    features: run.model.all.names,
    groups: run.model.groups,
    lambda: run.model.lambda,
    split: run.model.split,
    windowDays: opts.windowMs / DAY_MS,
    periodDays: opts.periodMs / DAY_MS,
    strideDays: opts.strideMs / DAY_MS,
    snapshots: run.snapshotTimes.map((t) => new Date(t).toISOString()),
  };
  const metrics = { validation: run.validation, validationBaselines: run.validationBaselines };
  const counts = { users: log.userIds.length, products: log.productIds.length, actions: log.actTime.length, follows: log.followFrom.length };
  const fits = { all: run.model.all, ...(run.model.candidates ? { candidates: run.model.candidates } : {}) };
  const weights: tf.NamedTensorMap = Object.assign(
    {},
    ...Object.entries(fits).map(([name, fit]) => ({ [`${name}/w`]: tf.tensor1d(fit.w), [`${name}/mean`]: tf.tensor1d(fit.mean), [`${name}/sd`]: tf.tensor1d(fit.sd) })),
  );
  const { record, dir } = await saveModel(join(modelRoot, 'influence'), weights, {
    kind: 'influence',
    data: { source: 'engine' in store ? `store:${store.engine}` : 'store:server', sha256: fingerprint(log), counts },
    hyperParameters,
    metrics,
    backend,
  });
  tf.dispose(Object.values(weights));
  const createdAt = Date.now();
  const modelRun: ModelRun = {
    kind: 'influence',
    version: `v${record.version}-${createdAt}`,
    createdAt,
    metadata: { cutoff: new Date(at).toISOString(), data: counts, hyperParameters, metrics, backend, trainSeconds: run.seconds, registry: dir },
  };
  await store.models.publish(modelRun, batches(rows, PUBLISH_BATCH));
  return { run: modelRun, users: rows.length, backend, trainSeconds: run.seconds, modelDir: dir, ranking: rows.map((r) => r.entityId) };
}

function* batches<T>(rows: T[], size: number): Generator<T[]> {
  for (let k = 0; k < rows.length; k += size) yield rows.slice(k, k + size);
}

/** sha256 over the log's arrays: identifies the data a model was trained on. */
function fingerprint(log: ActivityLog): string {
  const h = createHash('sha256');
  for (const ids of [log.userIds, log.productIds, log.categoryIds]) h.update(ids.join('\n'));
  for (const a of [log.productCategory, log.actUser, log.actProduct, log.actTime, log.followFrom, log.followTo, log.followSince]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex');
}
