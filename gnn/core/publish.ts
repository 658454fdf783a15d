/**
 * The one way a trained model of any kind reaches the API: its weights saved as the next version
 * in the file registry (`<modelRoot>/<kind>/v<N>`, registry.ts), its outputs published through the
 * store as that version (the API picks it up without a restart, live-model.ts), and the runs and
 * registry versions beyond the newest `keep` pruned.
 */
import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import type { ModelKind, ModelOutputRow, ModelRun, TrainingStore } from '../../src/store/contract';
import type { OptionSpec } from './command';
import { pruneModels, saveModel } from './registry';
import { fingerprint, snapshotCounts, type GraphSnapshot } from './snapshot';

export interface TrainedModel {
  kind: ModelKind;
  /** What it was trained on. */
  snapshot: GraphSnapshot;
  /** The trained weights (the caller still owns and disposes them). */
  weights: tf.NamedTensorMap;
  hyperParameters: Record<string, unknown>;
  /** Validation metrics: what the run was chosen on. */
  metrics: Record<string, unknown>;
  backend: string;
  trainSeconds: number;
  /** Whatever else the kind's serving or the next training reads from the run. */
  metadata?: Record<string, unknown>;
  rows: Iterable<ModelOutputRow[]> | AsyncIterable<ModelOutputRow[]>;
  /** The run's clock (default: now). */
  createdAt?: number;
}

export interface PublishOptions {
  modelRoot: string;
  /** Runs (and registry versions) kept, the new one included. */
  keep: number;
}

/** `--keep`, for every `train <kind>` command. */
export const KEEP_OPTION: OptionSpec = { name: 'keep', type: 'number', default: 3, description: 'published runs (and saved versions) kept; older ones are pruned' };

export async function publishTrained(store: TrainingStore, model: TrainedModel, opts: PublishOptions): Promise<{ run: ModelRun; modelDir: string }> {
  const root = join(opts.modelRoot, model.kind);
  const data = { source: 'engine' in store ? `store:${String(store.engine)}` : 'store:server', sha256: fingerprint(model.snapshot), counts: snapshotCounts(model.snapshot) };
  const { record, dir } = await saveModel(root, model.weights, {
    kind: model.kind,
    data,
    hyperParameters: model.hyperParameters,
    metrics: model.metrics,
    backend: model.backend,
  });
  const createdAt = model.createdAt ?? Date.now();
  const run: ModelRun = {
    kind: model.kind,
    version: `v${record.version}-${createdAt}`,
    createdAt,
    metadata: {
      ...model.metadata,
      data,
      hyperParameters: model.hyperParameters,
      metrics: model.metrics,
      backend: model.backend,
      trainSeconds: model.trainSeconds,
      modelDir: dir,
    },
  };
  await store.models.publish(run, model.rows);
  await store.models.prune(model.kind, opts.keep);
  await pruneModels(root, opts.keep);
  return { run, modelDir: dir };
}

/** Rows in batches of `size`, for publishing. */
export function* batches<T>(rows: readonly T[], size = 1000): Generator<T[]> {
  for (let k = 0; k < rows.length; k += size) yield rows.slice(k, k + size);
}
